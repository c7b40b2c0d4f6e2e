"""OWSLib (Debian's python3-owslib) against a running Shikong WMS; prints one JSON document.
Usage: /usr/bin/python3 wms_client.py URL VERSION MINX MINY MAXX MAXY  (bbox longitude first)
       /usr/bin/python3 wms_client.py pixels URL VERSION CRS MINX MINY MAXX MAXY OUTDIR USER PASSWORD
         (a 200 px map of buildings and pipelines in every GetMap format the capabilities list, and one
          PNG at TIME=2020-06-01, written to OUTDIR for the test to read the pixels)"""
import json
import os
import sys

from owslib.wms import WebMapService


def pixels(argv):
    url, version, crs = argv[0], argv[1], argv[2]
    bbox = tuple(float(v) for v in argv[3:7])
    outdir, user, password = argv[7], argv[8], argv[9]
    wms = WebMapService(url, version=version, username=user, password=password)
    out = {"maps": []}
    formats = wms.getOperationByName("GetMap").formatOptions
    for i, fmt in enumerate(formats):
        # OWSLib swaps the bbox itself for 1.3.0 and latitude-first CRSs
        img = wms.getmap(layers=["buildings", "pipelines"], styles=["", ""], srs=crs, bbox=bbox, size=(200, 200),
                         format=fmt, transparent=True)
        path = os.path.join(outdir, "map%d.img" % i)
        with open(path, "wb") as f:
            f.write(img.read())
        out["maps"].append({"format": fmt, "file": path})
    img = wms.getmap(layers=["buildings", "pipelines"], styles=["", ""], srs=crs, bbox=bbox, size=(200, 200),
                     format="image/png", transparent=True, time="2020-06-01")
    path = os.path.join(outdir, "time.png")
    with open(path, "wb") as f:
        f.write(img.read())
    out["time"] = {"file": path}
    print(json.dumps(out))


if sys.argv[1] == "pixels":
    pixels(sys.argv[2:])
    sys.exit(0)

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
