"""OWSLib (Debian's python3-owslib) against a running Shikong WMS; prints one JSON document.
Usage: /usr/bin/python3 wms_client.py URL VERSION MINX MINY MAXX MAXY  (bbox longitude first)"""
import json
import sys

from owslib.wms import WebMapService

url, version = sys.argv[1], sys.argv[2]
bbox = tuple(float(v) for v in sys.argv[3:7])
wms = WebMapService(url, version=version)
out = {"title": wms.identification.title, "layers": sorted(wms.contents)}
layer = wms.contents["buildings"]
out["wgs84"] = list(layer.boundingBoxWGS84)
out["time"] = (layer.timepositions or [None])[0]
out["styles"] = sorted(layer.styles)
# OWSLib swaps the bbox itself for 1.3.0 and latitude-first CRSs
img = wms.getmap(layers=["buildings"], styles=[""], srs="EPSG:4490", bbox=bbox, size=(200, 200), format="image/png",
                 transparent=True)
data = img.read()
out["png"] = data[:8] == b"\x89PNG\r\n\x1a\n"
out["png_bytes"] = len(data)
info = wms.getfeatureinfo(layers=["buildings"], srs="EPSG:4490", bbox=bbox, size=(200, 200), format="image/png",
                          query_layers=["buildings"], info_format="application/json", xy=(100, 100), feature_count=5)
out["info"] = json.loads(info.read())
print(json.dumps(out, ensure_ascii=False))
