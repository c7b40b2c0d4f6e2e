"""QGIS 3.22's OAPIF provider (Debian's python3-qgis, headless) against a running Shikong /ogcapi; prints one JSON
document of what it saw. Usage: QT_QPA_PLATFORM=offscreen /usr/bin/python3 qgis_client.py BASE COLLECTION PAGE_SIZE
MINX,MINY,MAXX,MAXY INSTANT
  * lists the collections the way QGIS's browser does (a WFS / OGC API - Features connection);
  * loads COLLECTION whole, in pages of PAGE_SIZE, and counts its features;
  * loads the features in a rectangle (QGIS sends it as bbox=) and, with a subset string on valid_from, the
    features as they stood at INSTANT (QGIS 3.22 sends a comparison on a date-time field as datetime=)."""
import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import (QgsApplication, QgsDataSourceUri, QgsFeatureRequest, QgsRectangle, QgsSettings,
                       QgsVectorLayer)

base, collection, page_size, bbox, instant = sys.argv[1:6]
app = QgsApplication([], False)
app.initQgis()
out = {}

# the browser's view of a connection: the collections
settings = QgsSettings()
settings.setValue("qgis/connections-wfs/shikong/url", base)
settings.setValue("qgis/connections-wfs/shikong/version", "OGC_API_FEATURES")
provider = [p for p in QgsApplication.dataItemProviderRegistry().providers() if p.name() == "WFS"][0]
root = provider.createDataItem("", None)
connections = root.createChildren()
connection = [c for c in connections if c.name() == "shikong"][0]
items = connection.createChildren()
out["collections"] = sorted(QgsDataSourceUri(item.uri()).param("typename") for item in items)
out["collection_titles"] = sorted(item.name() for item in items)


def layer(extra=""):
    uri = "url='%s' typename='%s' pageSize='%s' pagingEnabled='true'%s" % (base, collection, page_size, extra)
    vl = QgsVectorLayer(uri, "x", "OAPIF")
    if not vl.isValid():
        sys.exit("layer not valid: " + uri + " " + vl.error().summary())
    return vl


vl = layer()
out["fields"] = [f.name() for f in vl.fields()]
out["field_types"] = {f.name(): f.typeName() for f in vl.fields()}
ids = set()
n = 0
for f in vl.getFeatures():
    n += 1
    ids.add(f["id"] if "id" in vl.fields().names() else f.id())
out["count"] = n
out["distinct_ids"] = len(ids)
out["featureCount"] = vl.featureCount()

x1, y1, x2, y2 = (float(v) for v in bbox.split(","))
vb = layer(" restrictToRequestBBOX='1'")
out["bbox_count"] = sum(1 for _ in vb.getFeatures(QgsFeatureRequest().setFilterRect(QgsRectangle(x1, y1, x2, y2))))

vf = layer()
ok = vf.setSubsetString("\"valid_from\" = '%s'" % instant)
out["subset_set"] = bool(ok)
out["filter_state"] = str(vf.dataProvider().filterTranslatedState()) if hasattr(vf.dataProvider(), "filterTranslatedState") else None
out["filter_count"] = sum(1 for _ in vf.getFeatures())
print(json.dumps(out))
sys.stdout.flush()
# QGIS 3.22 may crash while tearing down its providers' threads (exitQgis): leave without it
os._exit(0)
