"""OWSLib (Debian's python3-owslib) against a running Shikong WFS; prints one JSON document of what it saw.
Usage: /usr/bin/python3 wfs_client.py URL VERSION"""
import json
import re
import sys

from owslib.fes import PropertyIsGreaterThan
from owslib.etree import etree
from owslib.wfs import WebFeatureService

url, version = sys.argv[1], sys.argv[2]
wfs = WebFeatureService(url, version=version)
out = {"title": wfs.identification.title, "types": sorted(wfs.contents)}
schema = wfs.get_schema("shikong:buildings")
out["schema_properties"] = sorted(schema["properties"].keys())
out["schema_geometry"] = schema.get("geometry")
# OWSLib takes the bbox in x/y (longitude first) and swaps it for latitude-first CRSs itself
bbox = (123.40, 41.75, 123.50, 41.85)


def count(data):
    m = re.search(rb'number(?:Returned|OfFeatures)="(\d+)"', data)
    return int(m.group(1)) if m else -1


def matched(data):
    m = re.search(rb'number(?:Matched|OfFeatures)="(\d+)"', data)
    return int(m.group(1)) if m else -1


r = wfs.getfeature(typename=["shikong:buildings"], bbox=bbox, maxfeatures=5000).read()
out["bbox_returned"] = count(r)
out["bbox_ids"] = sorted(set(x.decode() for x in re.findall(rb'gml:id="(buildings\.[^".]+)"', r)))
if version == "2.0.0":
    from owslib import fes2
    flt = etree.tostring(fes2.PropertyIsGreaterThan(propertyname="floors", literal="20").toXML()).decode()
    # OWSLib 0.27 sends a 2.0 filter by GET as 'query=' (its bug), so 2.0 filters go by POST, as XML;
    # its POST builder takes the fes:Filter out of a wrapping element
    filter_xml = ('<wrap><fes:Filter xmlns:fes="http://www.opengis.net/fes/2.0">%s</fes:Filter></wrap>' % flt)
    r = wfs.getfeature(typename=["shikong:buildings"], filter=filter_xml, maxfeatures=5000, method="Post").read()
else:
    flt = etree.tostring(PropertyIsGreaterThan(propertyname="floors", literal="20").toXML()).decode()
    filter_xml = '<ogc:Filter xmlns:ogc="http://www.opengis.net/ogc">%s</ogc:Filter>' % flt
    r = wfs.getfeature(typename=["shikong:buildings"], filter=filter_xml, maxfeatures=5000).read()
out["filter_returned"] = count(r)
if version == "2.0.0":
    p1 = wfs.getfeature(typename=["shikong:buildings"], maxfeatures=7, startindex=0).read()
    p2 = wfs.getfeature(typename=["shikong:buildings"], maxfeatures=7, startindex=7).read()
    ids = lambda d: re.findall(rb'<shikong:buildings gml:id="([^"]+)"', d)
    out["page1"] = [x.decode() for x in ids(p1)]
    out["page2"] = [x.decode() for x in ids(p2)]
# OWSLib 0.27 has no resultType argument: let it form the request, then ask for hits
from owslib.util import openURL
hits_url = wfs.getGETGetFeatureRequest(typename=["shikong:buildings"]) + "&resultType=hits"
out["hits"] = matched(openURL(hits_url).read())
print(json.dumps(out, ensure_ascii=False))
