package io.shikong.ows.oapif;

import java.util.List;
import java.util.Map;

/**
 * The HTML representation of every resource (the HTML conformance class): the JSON document rendered as
 * nested tables, links clickable, in Chinese with English beside it. Meant for people browsing the API, so it
 * is written whole; a page of items is bounded by {@code limit}.
 */
final class Html {

    static final String TYPE = "text/html; charset=UTF-8";

    private Html() {
    }

    static String page(String title, Object doc) {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(title)).append(" · 时空 Shikong OGC API</title><style>")
                .append("body{font-family:sans-serif;margin:1.5em;}table{border-collapse:collapse;margin:.3em 0}")
                .append("td,th{border:1px solid #ccc;padding:2px 6px;vertical-align:top;text-align:left}")
                .append("th{background:#f3f3f3}</style></head><body><h1>").append(esc(title)).append("</h1>");
        if (doc instanceof Map<?, ?> m && m.get("links") instanceof List<?> links) {
            sb.append("<ul>");
            for (Object o : links) {
                if (o instanceof Map<?, ?> l) {
                    sb.append("<li><a href=\"").append(esc(String.valueOf(l.get("href")))).append("\">")
                            .append(esc(String.valueOf(l.get("title") != null ? l.get("title") : l.get("rel"))))
                            .append("</a> <small>").append(esc(String.valueOf(l.get("rel"))))
                            .append(l.get("type") == null ? "" : " · " + esc(String.valueOf(l.get("type"))))
                            .append("</small></li>");
                }
            }
            sb.append("</ul>");
        }
        value(sb, doc, true);
        return sb.append("</body></html>").toString();
    }

    private static void value(StringBuilder sb, Object v, boolean top) {
        if (v instanceof Map<?, ?> m) {
            sb.append("<table>");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (top && "links".equals(e.getKey())) {
                    continue;
                }
                sb.append("<tr><th>").append(esc(String.valueOf(e.getKey()))).append("</th><td>");
                if ("href".equals(e.getKey()) && e.getValue() instanceof String s) {
                    sb.append("<a href=\"").append(esc(s)).append("\">").append(esc(s)).append("</a>");
                } else {
                    value(sb, e.getValue(), false);
                }
                sb.append("</td></tr>");
            }
            sb.append("</table>");
        } else if (v instanceof List<?> l) {
            if (!l.isEmpty() && l.stream().allMatch(o -> !(o instanceof Map<?, ?>) && !(o instanceof List<?>))) {
                sb.append(esc(String.join(", ", l.stream().map(String::valueOf).toList())));
                return;
            }
            sb.append("<ol>");
            for (Object o : l) {
                sb.append("<li>");
                value(sb, o, false);
                sb.append("</li>");
            }
            sb.append("</ol>");
        } else {
            sb.append(v == null ? "<i>null</i>" : esc(String.valueOf(v)));
        }
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
