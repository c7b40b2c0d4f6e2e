"""OWSLib's OGC API - Features client (Debian's python3-owslib) against a running Shikong /ogcapi; prints one JSON
document of what it saw. Usage: /usr/bin/python3 owslib_client.py BASE COLLECTION MINX,MINY,MAXX,MAXY"""
import json
import sys

from owslib.ogcapi.features import Features

base, collection, bbox = sys.argv[1], sys.argv[2], [float(v) for v in sys.argv[3].split(",")]
api = Features(base)
out = {"conformance": api.conformance()["conformsTo"],
       "collections": sorted(c["id"] for c in api.collections()["collections"]),
       "collection_title": api.collection(collection)["title"],
       "queryables": sorted(api.collection_queryables(collection)["properties"])}
page = api.collection_items(collection, limit=5)
out["page_returned"] = page["numberReturned"]
out["page_matched"] = page["numberMatched"]
out["page_ids"] = [f["id"] for f in page["features"]]
inside = api.collection_items(collection, bbox=bbox, limit=10000)
out["bbox_returned"] = inside["numberReturned"]
out["bbox_matched"] = inside["numberMatched"]
one = api.collection_item(collection, page["features"][0]["id"])
out["item_id"] = one["id"]
out["item_geometry_type"] = one["geometry"]["type"]
print(json.dumps(out))
