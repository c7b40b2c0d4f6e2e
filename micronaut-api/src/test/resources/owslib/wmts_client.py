"""OWSLib (Debian's python3-owslib) against a running Shikong WMTS; prints one JSON document and writes the tile.
Usage: /usr/bin/python3 wmts_client.py URL LAYER TILEMATRIXSET TILEMATRIX ROW COL OUT.png"""
import json
import sys

from owslib.wmts import WebMapTileService

url, layer, tms, matrix, row, col, out_file = sys.argv[1:8]
wmts = WebMapTileService(url, version="1.0.0")
out = {"title": wmts.identification.title, "layers": sorted(wmts.contents), "sets": sorted(wmts.tilematrixsets)}
lyr = wmts.contents[layer]
out["layer_sets"] = sorted(lyr.tilematrixsetlinks)
out["formats"] = sorted(lyr.formats)
m = wmts.tilematrixsets[tms].tilematrix[matrix]
out["matrix"] = {"width": m.matrixwidth, "height": m.matrixheight, "scale": m.scaledenominator,
                 "top_left": list(m.topleftcorner)}
tile = wmts.gettile(layer=layer, tilematrixset=tms, tilematrix=matrix, row=int(row), column=int(col), format="image/png")
data = tile.read()
with open(out_file, "wb") as f:
    f.write(data)
out["png"] = data[:8] == b"\x89PNG\r\n\x1a\n"
print(json.dumps(out, ensure_ascii=False))
