#!/usr/bin/env bash
# Runs OGC's WFS 2.0 executable test suite (ets-wfs20 1.25, all-in-one jar from Maven Central)
# headless and offline against a running server, then summarises testng-results.xml.
#
#   scripts/ets-wfs20.sh [CAPABILITIES_URL] [OUTPUT_DIR]
#   e.g. scripts/ets-wfs20.sh 'http://127.0.0.1:18080/wfs?service=WFS&request=GetCapabilities' /tmp/ets-out
#
# Optional environment: ETS_FID (gml:id for the GetFeatureById tests; by default the suite picks one
# from its data sample of the first advertised feature type), ETS_XMX (default 1g), M2_REPO.
# Exit status: 0 when no test method failed, 1 when some did, 2 when the suite produced no results.
set -euo pipefail

CAPS_URL=${1:-'http://127.0.0.1:18080/wfs?service=WFS&request=GetCapabilities'}
OUT=${2:-/tmp/ets-wfs20}
M2_REPO=${M2_REPO:-$HOME/.m2/repository}
ETS_VERSION=1.25
JAR=$M2_REPO/org/opengis/cite/ets-wfs20/$ETS_VERSION/ets-wfs20-$ETS_VERSION-aio.jar
PY=/usr/bin/python3

# 1. The suite jar (bundles TestNG, Xerces, Saxon, Geotoolkit, the OGC schemas and their XML
#    catalogs). It was built for Java 8, so on Java 11+ it also needs JAXB 2.3 (Geotoolkit's GML
#    geometry/time parsing) and javax.activation, removed from the JDK, and ASM for the agent below.
CP=$JAR
for gav in org.opengis.cite:ets-wfs20:$ETS_VERSION:jar:aio javax.xml.bind:jaxb-api:2.3.1 \
           com.sun.xml.bind:jaxb-impl:2.3.1 com.sun.xml.bind:jaxb-core:2.3.0.1 \
           javax.activation:javax.activation-api:1.2.0 \
           org.ow2.asm:asm:9.7.1; do
  IFS=: read -r g a v _ c <<<"$gav"
  f=$M2_REPO/${g//.//}/$a/$v/$a-$v${c:+-$c}.jar
  [[ -f $f ]] || mvn -q dependency:get -Dartifact="$gav" -Dtransitive=false
  [[ $f == "$JAR" ]] || CP=$CP:$f
  if [[ $a == asm ]]; then ASM_JAR=$f; fi
done

# Geotoolkit 3.21 (CRS handling) extends javax.imageio.spi.ServiceRegistry, which since Java 9
# rejects non-ImageIO categories and cannot load other modules' services. This agent lifts that
# check and redirects Geotoolkit's ServiceRegistry.lookupProviders calls to ServiceLoader.
# Built once into the cache dir, which also holds the suite's user.home (its EPSG Derby database).
CACHE=${ETS_CACHE:-$HOME/.cache/ets-wfs20}
AGENT=$CACHE/java8compat.jar
if [[ ! -f $AGENT ]]; then
  mkdir -p "$CACHE/agent/classes"
  cat >"$CACHE/agent/Java8Compat.java" <<'EOF_JAVA'
import java.lang.instrument.*;
import java.security.ProtectionDomain;
import java.util.*;
import org.objectweb.asm.*;
public class Java8Compat implements ClassFileTransformer {
    public static void premain(String args, Instrumentation inst) { inst.addTransformer(new Java8Compat()); }
    /** Stands in for ServiceRegistry.lookupProviders; called from the unnamed module, so needs no 'uses'. */
    public static <T> Iterator<T> lookupProviders(Class<T> service, ClassLoader loader) {
        return ServiceLoader.load(service, loader).iterator();
    }
    public byte[] transform(Module m, ClassLoader l, String name, Class<?> c, ProtectionDomain d, byte[] bytes) {
        boolean registry = "javax/imageio/spi/ServiceRegistry".equals(name);
        if (!registry && (name == null || !name.startsWith("org/geotoolkit/"))) return null;
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            public MethodVisitor visitMethod(int acc, String n, String desc, String sig, String[] exc) {
                MethodVisitor mv = super.visitMethod(acc, n, desc, sig, exc);
                if (registry && n.equals("checkClassAllowed")) { // make it a no-op
                    mv.visitCode(); mv.visitInsn(Opcodes.RETURN); mv.visitMaxs(0, 1); mv.visitEnd();
                    return null;
                }
                return registry ? mv : new MethodVisitor(Opcodes.ASM9, mv) {
                    public void visitMethodInsn(int op, String owner, String mn, String md, boolean itf) {
                        if (op == Opcodes.INVOKESTATIC && mn.equals("lookupProviders")
                                && md.startsWith("(Ljava/lang/Class;Ljava/lang/ClassLoader;)")) owner = "Java8Compat";
                        super.visitMethodInsn(op, owner, mn, md, itf);
                    }
                };
            }
        }, 0);
        return writer.toByteArray();
    }
}
EOF_JAVA
  javac -nowarn -cp "$ASM_JAR" -d "$CACHE/agent/classes" "$CACHE/agent/Java8Compat.java"
  printf 'Premain-Class: Java8Compat\n' >"$CACHE/agent/manifest.txt"
  jar cfm "$AGENT" "$CACHE/agent/manifest.txt" -C "$CACHE/agent/classes" .
fi

# 2. Test-run properties. No DOCTYPE on purpose: the suite parses this file with Xerces, which
#    would otherwise try to download http://java.sun.com/dtd/properties.dtd.
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
xml_escape() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' <<<"$1"; }
{
  echo '<?xml version="1.0" encoding="UTF-8"?>'
  echo '<properties version="1.0">'
  echo "  <entry key=\"wfs\">$(xml_escape "$CAPS_URL")</entry>"
  if [[ -n ${ETS_FID:-} ]]; then echo "  <entry key=\"fid\">$(xml_escape "$ETS_FID")</entry>"; fi
  echo '</properties>'
} >"$OUT/test-run-props.xml"

# 3. Offline guard. The suite resolves the OGC/W3C schemas it needs from OASIS catalogs inside the
#    jar (org/opengis/cite/iso19142/schema-catalog.xml, .../iso19136/schema-catalog.xml and the
#    *schematron-catalog.xml files; no system property selects them), but not everywhere: e.g.
#    BasicGetFeatureTests.getFeaturesByType validates with xsi:schemaLocation hints and calls
#    Validator.reset(), which drops its catalog resolver, so it then fetches
#    http://schemas.opengis.net/wfs/2.0/wfs.xsd with java.net.URL. So every non-local HTTP(S)
#    request goes to a local proxy that answers the system ids of those catalogs from the jar
#    (what the suite would have downloaded) and 502 for anything else, at once instead of
#    hanging. Both kinds are listed in offline.log and summarised at the end.
SUT_HOST=$($PY -c 'import sys,urllib.parse as u; print(u.urlsplit(sys.argv[1]).hostname or "")' "$CAPS_URL")
OFFLINE_LOG=$OUT/offline.log
: >"$OFFLINE_LOG"
rm -f "$OUT/proxy.port"
$PY - "$JAR" "$OFFLINE_LOG" "$OUT/proxy.port" <<'EOF_PY' &
import posixpath, socketserver, sys, zipfile, xml.etree.ElementTree as ET
jar = zipfile.ZipFile(sys.argv[1])
files = {}  # system id -> path inside the jar
for cat in ('org/opengis/cite/iso19142/schema-catalog.xml', 'org/opengis/cite/iso19136/schema-catalog.xml'):
    for e in ET.fromstring(jar.read(cat)).iter('{urn:oasis:names:tc:entity:xmlns:xml:catalog}system'):
        if e.get('systemId').startswith('http'):
            files.setdefault(e.get('systemId'), posixpath.normpath(posixpath.join(posixpath.dirname(cat), e.get('uri'))))
class Proxy(socketserver.StreamRequestHandler):
    def handle(self):
        line = self.rfile.readline(8192).decode('latin-1').strip()
        while self.rfile.readline(8192).strip():
            pass  # request headers
        parts = line.split()
        url = parts[1] if len(parts) > 2 else ''
        if parts and parts[0] == 'GET' and url in files:
            body, status = jar.read(files[url]), 'SERVED'
            self.wfile.write(b'HTTP/1.0 200 OK\r\nContent-Type: application/xml\r\nContent-Length: %d\r\n\r\n' % len(body) + body)
        else:
            status = 'BLOCKED'
            self.wfile.write(b'HTTP/1.0 502 Offline test run\r\nContent-Length: 0\r\n\r\n')
        with open(sys.argv[2], 'a') as log:
            log.write(f'{status} {line}\n')
server = socketserver.ThreadingTCPServer(('127.0.0.1', 0), Proxy)
open(sys.argv[3], 'w').write(str(server.server_address[1]))
server.serve_forever()
EOF_PY
PROXY_PID=$!
trap 'kill $PROXY_PID 2>/dev/null || true' EXIT
for _ in $(seq 100); do [[ -s $OUT/proxy.port ]] && break; sleep 0.1; done
PORT=$(cat "$OUT/proxy.port")
NO_PROXY_HOSTS="localhost|127.*|[::1]${SUT_HOST:+|$SUT_HOST}"

# 4. Run. jdk.xml.overrideDefaultParser makes the JDK's XPath parse with the suite's own Xerces: its
#    DataSampler.getFeatureById returns a JDK-internal DOM node otherwise, into which Document.adoptNode
#    of the suite's Xerces elements returns null (VersioningTests then fail with "newChild is null").
#    TestNGController writes <OUT>/testng/<uuid>/testng-results.xml (and prints its path);
#    the log of every request and response (Jersey LoggingFilter) goes to <OUT>/ets.log.
echo "ETS wfs20 $ETS_VERSION -> $CAPS_URL (results in $OUT, log in $OUT/ets.log)"
set +e
java -Xmx"${ETS_XMX:-1g}" -Djava.awt.headless=true \
  -Dhttp.proxyHost=127.0.0.1 -Dhttp.proxyPort="$PORT" \
  -Dhttps.proxyHost=127.0.0.1 -Dhttps.proxyPort="$PORT" \
  -Dhttp.nonProxyHosts="$NO_PROXY_HOSTS" \
  -Duser.home="$CACHE" -Dderby.stream.error.file="$OUT/derby.log" -javaagent:"$AGENT" \
  -Djdk.xml.overrideDefaultParser=true \
  -cp "$CP" org.opengis.cite.iso19142.TestNGController -o "$OUT" "$OUT/test-run-props.xml" >"$OUT/ets.log" 2>&1
JAVA_RC=$?
set -e
RESULTS=$(sed -n 's/^Test results: file://p' "$OUT/ets.log" | tail -1)
if [[ -z $RESULTS ]]; then
  echo "No testng-results.xml (java exit $JAVA_RC); tail of $OUT/ets.log:" >&2
  tail -30 "$OUT/ets.log" >&2
  exit 2
fi

# 5. Summary per TestNG <test> (= conformance class in the suite's testng.xml).
$PY - "$RESULTS" "$OFFLINE_LOG" <<'EOF'
import sys, collections, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
def msg(m):
    e = m.find('exception')
    if e is None:
        return ''
    text = ' '.join((e.findtext('message') or '').split())
    return e.get('class', '').split('.')[-1] + ': ' + text[:400]
def params(m):
    vals = [(p.findtext('value') or '').strip() for p in m.findall('params/param')]
    vals = [v for v in vals if not v.startswith('org.testng.')]
    return '(' + ', '.join(vals) + ')' if vals else ''
totals = collections.Counter(); failed = collections.OrderedDict(); gates = []
print(f"\nResults: {sys.argv[1]}\n")
print(f"{'conformance class (TestNG test)':40} {'pass':>5} {'fail':>5} {'skip':>5}")
for test in root.iter('test'):
    c = collections.Counter()
    for cls in test.iter('class'):
        for m in cls.iter('test-method'):
            name = cls.get('name').split('.')[-1] + '.' + m.get('name')
            if m.get('is-config') == 'true':
                if m.get('status') in ('FAIL', 'SKIP') and m.find('exception') is not None:
                    gates.append((test.get('name'), name, m.get('status'), msg(m)))
                continue
            c[m.get('status')] += 1
            if m.get('status') == 'FAIL':  # one entry per method and message, listing its parameters
                failed.setdefault((test.get('name'), name, msg(m)), []).append(params(m))
    totals.update(c)
    print(f"{test.get('name'):40} {c['PASS']:5} {c['FAIL']:5} {c['SKIP']:5}")
print(f"{'TOTAL':40} {totals['PASS']:5} {totals['FAIL']:5} {totals['SKIP']:5}")
if gates:
    print("\nConfiguration methods that failed or skipped (they skip the tests of their class/group):")
    for g in dict.fromkeys(gates):
        print(f"  [{g[0]}] {g[1]} {g[2]}: {g[3]}")
if failed:
    print("\nFailed tests (name, parameters of each failed invocation, message):")
    for (group, name, text), runs in failed.items():
        print(f"  [{group}] {name} {' '.join(r for r in runs if r) or ''}\n      {text}")
offline = collections.Counter(l.split(' ', 1)[0] for l in open(sys.argv[2]) if l.strip())
blocked = sorted({l.split(' ', 1)[1].strip() for l in open(sys.argv[2]) if l.startswith('BLOCKED')})
print(f"\nOffline: {offline['SERVED']} schema request(s) answered from the jar, {offline['BLOCKED']} blocked")
for b in blocked[:10]:
    print("  blocked: " + b)
sys.exit(1 if totals['FAIL'] else 0)
EOF
