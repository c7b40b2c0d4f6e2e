"""OWSLib (Debian's python3-owslib): the schema of one feature type as DescribeFeatureType gives it, as JSON.
Usage: /usr/bin/python3 wfs_schema.py URL VERSION TYPENAME"""
import json
import sys

from owslib.wfs import WebFeatureService

url, version, type_name = sys.argv[1], sys.argv[2], sys.argv[3]
wfs = WebFeatureService(url, version=version)
schema = wfs.get_schema(type_name)
print(json.dumps({"properties": schema["properties"], "geometry": schema.get("geometry"),
                  "types": sorted(wfs.contents)}))
