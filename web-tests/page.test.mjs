// Browser tests of Shikong's web page at /: playwright-core driving Debian's /usr/bin/chromium against a
// running server (WebPageIT in micronaut-api starts one and runs this file). Environment:
//   SHIKONG_BASE_URL  the server, e.g. http://localhost:18400
//   SHIKONG_OUT_DIR   where screenshots and the downloaded PDF go (micronaut-api/target/web-tests)
//   SHIKONG_LOGIN     user:password of a user with the pipelines role
// Exit status 0 when every check passes; each check prints one line.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BASE = (process.env.SHIKONG_BASE_URL || 'http://localhost:18400').replace(/\/$/, '');
const OUT = process.env.SHIKONG_OUT_DIR || path.resolve('target');
const [USER, PASSWORD] = (process.env.SHIKONG_LOGIN || 'planner:pw').split(':');
fs.mkdirSync(OUT, { recursive: true });

const results = [];
async function check(name, fn) {
  try {
    await fn();
    results.push([name, 'ok']);
    console.log('ok   ' + name);
  } catch (e) {
    results.push([name, 'FAIL']);
    console.log('FAIL ' + name + '\n     ' + (e.stack || e).toString().split('\n').slice(0, 6).join('\n     '));
  }
}

async function getJson(p, login) {
  const headers = login ? { Authorization: 'Basic ' + Buffer.from(login).toString('base64') } : {};
  const r = await fetch(BASE + p, { headers });
  assert.equal(r.status, 200, p + ': ' + r.status);
  return r.json();
}

/** The page's record of loads: console errors, failed requests and answers >= 400. */
function watch(page) {
  const log = { errors: [], failed: [] };
  page.on('console', (m) => { if (m.type() === 'error') log.errors.push(m.text()); });
  page.on('pageerror', (e) => log.errors.push('pageerror: ' + e.message));
  page.on('requestfailed', (r) => log.failed.push(r.url() + ' ' + (r.failure() || {}).errorText));
  page.on('response', (r) => { if (r.status() >= 400) log.failed.push(r.status() + ' ' + r.url()); });
  return log;
}

/** Waits until the layer list has loaded and everything changed so far is drawn. */
async function settle(page) {
  await page.waitForFunction(() => window.shikong && shikong.state.loaded > 0 && shikong.state.pending === 0
    && shikong.state.settled === shikong.state.changes, null, { timeout: 30000 });
}

async function open(page, hash) {
  await page.goto(BASE + '/?t=' + Math.random().toString(36).slice(2) + (hash ? '#' + hash : ''));
  await settle(page);
}

/** Coloured (non-transparent) pixels of the map's canvases. */
function coloured(page) {
  return page.evaluate(() => {
    let n = 0;
    document.querySelectorAll('#map canvas').forEach((c) => {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      for (let i = 3; i < d.length; i += 4) {
        if (d[i] > 0) {
          n++;
        }
      }
    });
    return n;
  });
}

/**
 * Alpha of one layer at the map's centre: OpenLayers reads an image layer's canvas; a vector tile layer answers
 * whether a drawn feature is hit there (255) or not (0).
 */
function alphaAtCentre(page, layer) {
  return page.evaluate((name) => {
    const size = shikong.map.getSize();
    const pixel = [Math.round(size[0] / 2), Math.round(size[1] / 2)];
    const l = shikong.state.mapLayers[name];
    if (l.get('vector')) {
      return shikong.map.getFeaturesAtPixel(pixel, { layerFilter: (x) => x === l, hitTolerance: 2 }).length ? 255 : 0;
    }
    const d = l.getData(pixel);
    return d ? d[3] : 0;
  }, layer);
}

async function mapCentre(page) {
  const box = await page.locator('#map').boundingBox();
  return [box.x + box.width / 2, box.y + box.height / 2];
}

/** Draws a polygon through the given offsets (pixels) from the map's centre, closing it on the first. */
async function drawPolygon(page, offsets) {
  await page.click('#draw');
  const [cx, cy] = await mapCentre(page);
  for (const [dx, dy] of offsets.concat([offsets[0]])) {
    await page.mouse.click(cx + dx, cy + dy);
    await page.waitForTimeout(120); // OpenLayers tells a click from a double click by time
  }
  await page.waitForFunction(() => shikong.footprints.getFeatures().length === 1 && shikong.state.mode === 'info');
}

async function messageText(page) {
  await page.locator('#message').waitFor({ state: 'visible', timeout: 15000 });
  return page.locator('#message-text').textContent();
}

/** A building whose place was empty before it was built: the building, where to look, and when. */
async function pickBuilding() {
  const detail = await getJson('/api/v1/layers/buildings');
  const layerStart = Date.parse(detail.temporalExtent[0]);
  const fc = await getJson('/api/v1/layers/buildings/features?bbox=123.38,41.76,123.48,41.84&limit=60&sortby=-height_m');
  for (const f of fc.features) {
    const history = await getJson('/api/v1/layers/buildings/features/' + encodeURIComponent(f.id) + '/history');
    const first = Date.parse(history.features[0].properties.valid_from);
    if (first - layerStart < 3 * 365 * 86400000) {
      continue;
    }
    const ring = f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates[0][0] : f.geometry.coordinates[0];
    const pts = ring.slice(0, -1);
    const c = [pts.reduce((s, p) => s + p[0], 0) / pts.length, pts.reduce((s, p) => s + p[1], 0) / pts.length];
    const before = new Date(first - 400 * 86400000).toISOString().slice(0, 10);
    const d = 0.00002;
    const then = await getJson(`/api/v1/layers/buildings/features?bbox=${c[0] - d},${c[1] - d},${c[0] + d},${c[1] + d}&asOf=${before}`);
    const now = await getJson(`/api/v1/layers/buildings/features?bbox=${c[0] - d},${c[1] - d},${c[0] + d},${c[1] + d}`);
    if (then.features.length === 0 && now.features.length === 1 && now.features[0].id === f.id) {
      return { feature: f, centre: c, before, builtOn: history.features[0].properties.valid_from };
    }
  }
  throw new Error('no building with an empty place before it was built in the sample');
}

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shikong-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  acceptDownloads: true,
  viewport: { width: 1280, height: 800 },
  locale: 'zh-CN',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync']
});
context.setDefaultTimeout(30000);

try {
  const page = context.pages()[0] || await context.newPage();
  const log = watch(page);

  await check('the page loads with no console error and no failed request; a layer draws', async () => {
    await open(page);
    assert.deepEqual(log.errors, []);
    assert.deepEqual(log.failed, []);
    assert.ok(await page.locator('li[data-layer=buildings]').count() === 1, 'buildings listed');
    const n = await coloured(page);
    assert.ok(n > 2000, 'coloured pixels on the map: ' + n);
    await page.waitForFunction(() => { const i = document.querySelector('li[data-layer=buildings] img.legend'); return i && i.complete && i.naturalWidth > 0; });
    await page.screenshot({ path: path.join(OUT, 'page.png') });
  });

  await check('an anonymous visitor does not see the pipelines layer', async () => {
    assert.equal(await page.locator('li[data-layer=pipelines]').count(), 0);
    assert.equal(await page.locator('li[data-layer=eco_red_lines]').count(), 1);
  });

  const building = await pickBuilding();
  await check('clicking a building shows its attributes with their Chinese titles, and its history', async () => {
    await open(page, `c=${building.centre[0]},${building.centre[1]}&z=19&layers=buildings`);
    assert.ok(await alphaAtCentre(page, 'buildings') > 0, 'the building is drawn at the centre');
    const [cx, cy] = await mapCentre(page);
    await page.mouse.click(cx, cy);
    await page.locator('#info-body table').waitFor();
    const info = await page.locator('#info-body').textContent();
    assert.ok(info.includes(building.feature.id), info);
    assert.ok(info.includes('名称') && info.includes(building.feature.properties.name), info);
    assert.ok(info.includes('建成年份'), info);
    await page.click('#show-history');
    await page.locator('#history .history-version').first().waitFor();
    assert.ok(await page.locator('#history .history-version').count() >= 1);
    await page.screenshot({ path: path.join(OUT, 'feature-info.png') });
  });

  await check('moving the time slider to before the building was built removes it from the map; play steps through the years', async () => {
    const days = await page.evaluate((before) => Math.round((Date.parse(before) - shikong.state.timeStart.getTime()) / 86400000), building.before);
    assert.ok(days > 0, 'the slider reaches back before ' + building.builtOn);
    await page.evaluate((v) => {
      const s = document.getElementById('time');
      s.value = String(v);
      s.dispatchEvent(new Event('input', { bubbles: true }));
    }, days);
    await page.waitForFunction((b) => shikong.state.time && shikong.state.time.startsWith(b), building.before);
    await settle(page);
    assert.equal(await alphaAtCentre(page, 'buildings'), 0, 'nothing drawn at the building before ' + building.builtOn);
    assert.equal(await page.locator('#time-label').textContent(), building.before);
    await page.screenshot({ path: path.join(OUT, 'before-built.png') });
    await page.click('#time-now');
    await settle(page);
    assert.ok(await alphaAtCentre(page, 'buildings') > 0, 'the building is back now');
    // play starts from the first year and steps through the years; pause stops it
    await page.click('#play');
    await page.waitForFunction(() => shikong.state.time !== null && shikong.state.playing !== null);
    const first = await page.evaluate(() => shikong.state.time);
    await page.waitForFunction((t) => shikong.state.time > t, first, { timeout: 10000 });
    await page.click('#play');
    assert.equal(await page.evaluate(() => shikong.state.playing), null);
    await page.click('#time-now');
    await settle(page);
    // "show the map as it was then" of the first version: the building is there
    await page.locator('#history .show-then').first().click();
    await settle(page);
    assert.ok(await alphaAtCentre(page, 'buildings') > 0, 'drawn as of its first version');
  });

  await check('point layers come as vector tiles from /tiles; clicking a POI shows its attributes', async () => {
    const pois = await getJson('/api/v1/layers/pois/features?limit=1&bbox=123.40,41.78,123.45,41.81');
    const poi = pois.features[0];
    await open(page, `c=${poi.geometry.coordinates.join(',')}&z=18&layers=pois`);
    assert.equal(await page.evaluate(() => shikong.state.display.pois), 'vt');
    assert.ok(await alphaAtCentre(page, 'pois') > 0, 'the POI is drawn at the centre');
    const [cx, cy] = await mapCentre(page);
    await page.mouse.click(cx, cy);
    await page.waitForFunction((id) => document.querySelector('#info-body').textContent.includes(id), poi.id);
    assert.ok((await page.locator('#info-body').textContent()).includes(poi.properties.name));
    // the same layer through WMS
    await page.selectOption('select[data-display=pois]', 'wms');
    await settle(page);
    assert.ok(await alphaAtCentre(page, 'pois') > 0, 'the POI is drawn by WMS');
  });

  const zones = await getJson('/api/v1/layers/eco_red_lines/features?limit=50&sortby=id');
  const zone = zones.features.find((f) => f.geometry && /Polygon/.test(f.geometry.type));
  const zoneRing = zone.geometry.type === 'MultiPolygon' ? zone.geometry.coordinates[0][0] : zone.geometry.coordinates[0];
  const zoneName = zone.properties.zone_name;
  const square = [[-60, -60], [60, -60], [60, 60], [-60, 60]];
  let checkId = null;

  await check('a footprint drawn over a red line overlaps the zone, with its name, map and PDF', async () => {
    await open(page, `c=${zoneRing[0][0]},${zoneRing[0][1]}&z=14&layers=eco_red_lines&tab=redline`);
    await drawPolygon(page, square);
    await page.click('#run-check');
    await page.locator('#check-result [data-verdict]').first().waitFor();
    const verdicts = await page.locator('#check-result [data-verdict]').evaluateAll((els) => els.map((e) => e.dataset.verdict));
    assert.deepEqual(verdicts, ['overlaps']);
    const text = await page.locator('#check-result').textContent();
    assert.ok(text.includes('占用红线'), text);
    assert.ok(text.includes(zoneName), 'zone ' + zoneName + ' in ' + text);
    await page.waitForFunction(() => { const i = document.querySelector('#check-result img.check-map'); return i && i.complete && i.naturalWidth > 0; });
    checkId = await page.evaluate(() => shikong.state.checkResult.id);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-pdf')]);
    const pdf = path.join(OUT, 'redline-report.pdf');
    await download.saveAs(pdf);
    assert.equal(fs.readFileSync(pdf).subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(fs.statSync(pdf).size > 10000, 'PDF size ' + fs.statSync(pdf).size);
    await page.screenshot({ path: path.join(OUT, 'redline-check.png') });
  });

  await check('past checks are listed and reopened by id', async () => {
    await open(page, 'tab=redline');
    const link = page.locator(`#past-checks a[data-check="${checkId}"]`);
    await link.waitFor();
    await link.click();
    await page.waitForFunction((id) => shikong.state.checkResult && shikong.state.checkResult.id === id, checkId);
    assert.ok((await page.locator('#check-result').textContent()).includes(zoneName));
    await page.fill('#check-id', 'no-such-check');
    await page.click('#open-check');
    assert.ok((await messageText(page)).includes('no-such-check'));
  });

  await check('a CSV of coordinates in GCJ-02 is read and drawn', async () => {
    await open(page, 'tab=redline&layers=eco_red_lines');
    const [x, y] = zoneRing[0];
    const csv = `经度,纬度\n${x - 0.004},${y - 0.003}\n${x + 0.004},${y - 0.003}\n${x + 0.004},${y + 0.003}\n${x - 0.004},${y + 0.003}\n`;
    await page.selectOption('#crs', 'GCJ02');
    await page.setInputFiles('#upload', { name: 'footprint.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const msg = await messageText(page);
    assert.ok(msg.includes('已读取 1 个范围') && msg.includes('GCJ02'), msg);
    // GCJ-02 is offset from CGCS2000 by a few hundred metres: the drawn footprint moved south-west
    const extent = await page.evaluate(() => ol.proj.transformExtent(shikong.footprints.getExtent(), 'EPSG:3857', 'EPSG:4326'));
    assert.ok(extent[0] < x - 0.004 && extent[1] < y - 0.003, JSON.stringify(extent));
  });

  if (process.env.SHIKONG_SHAPEFILE_ZIP) {
    await check('a zipped Shapefile is read on the server and drawn', async () => {
      await open(page, 'tab=redline&layers=eco_red_lines');
      await page.setInputFiles('#upload', process.env.SHIKONG_SHAPEFILE_ZIP);
      const msg = await messageText(page);
      assert.ok(msg.includes('已读取 2 个范围') && msg.includes('EPSG:4490'), msg);
      assert.equal(await page.evaluate(() => shikong.footprints.getFeatures().length), 2);
    });
  }

  await check('bad input gives a clear message: a self-intersecting drawing', async () => {
    await open(page, `c=${zoneRing[0][0]},${zoneRing[0][1]}&z=14&layers=eco_red_lines&tab=redline`);
    await drawPolygon(page, [[-60, -60], [60, 60], [60, -60], [-60, 60]]);
    await page.click('#run-check');
    const msg = await messageText(page);
    assert.ok(msg.includes('自相交'), msg);
    await page.screenshot({ path: path.join(OUT, 'self-intersection.png') });
  });

  await check('bad input gives a clear message: an unreadable upload', async () => {
    await page.setInputFiles('#upload', { name: 'site.zip', mimeType: 'application/zip', buffer: Buffer.from('this is not a zip file') });
    const msg = await messageText(page);
    assert.ok(msg.includes('无法读取上传的文件') && msg.includes('site.zip'), msg);
    await page.click('#message-close');
    await page.setInputFiles('#upload', { name: 'site.kml', mimeType: 'application/vnd.google-earth.kml+xml', buffer: Buffer.from('<kml>oops') });
    assert.ok((await messageText(page)).includes('KML'));
  });

  await check('bad input gives a clear message: a footprint in the sea', async () => {
    await page.click('#message-close');
    const sea = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon',
      coordinates: [[[121.0, 39.0], [121.05, 39.0], [121.05, 39.04], [121.0, 39.04], [121.0, 39.0]]] } }] };
    await page.selectOption('#crs', 'EPSG:4326');
    await page.setInputFiles('#upload', { name: 'bohai.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(sea)) });
    assert.ok((await messageText(page)).includes('已读取'));
    await page.click('#message-close');
    await page.click('#run-check');
    const msg = await messageText(page);
    assert.ok(msg.includes('不在本市服务区') && msg.includes('海上'), msg);
  });

  await check('a wrong password is said on the page; a logged-in planner sees the pipelines layer and the pipelines near a point', async () => {
    await open(page);
    await page.click('#login-open');
    await page.fill('#login-user', USER);
    await page.fill('#login-password', PASSWORD + '-wrong');
    await page.click('#login-submit');
    await page.locator('#login-error').waitFor({ state: 'visible' });
    assert.equal(await page.locator('#login-error').textContent(), '用户名或密码错误。');
    assert.equal(await page.locator('li[data-layer=pipelines]').count(), 0);
    await page.fill('#login-password', PASSWORD);
    const loaded = await page.evaluate(() => shikong.state.loaded);
    await page.click('#login-submit');
    await page.waitForFunction((n) => shikong.state.loaded > n, loaded);
    assert.equal(await page.locator('li[data-layer=pipelines]').count(), 1);
    assert.ok((await page.locator('#who').textContent()).includes(USER));
    const pipes = await getJson('/api/v1/layers/pipelines/features?limit=1&bbox=123.38,41.76,123.48,41.84', USER + ':' + PASSWORD);
    const p = pipes.features[0].geometry.coordinates[0];
    await page.check('li[data-layer=pipelines] input');
    await page.evaluate((c) => { shikong.map.getView().setCenter(ol.proj.fromLonLat(c)); shikong.map.getView().setZoom(17); }, p);
    await settle(page);
    assert.ok(await alphaAtCentre(page, 'pipelines') > 0, 'the pipeline is drawn');
    await page.click('.tabs button[data-tab=sector]');
    await page.click('#near-pick');
    const [cx, cy] = await mapCentre(page);
    await page.mouse.click(cx, cy);
    await page.locator('#near-result table').waitFor();
    assert.ok((await page.locator('#near-result').textContent()).includes(pipes.features[0].id));
    await page.click('#due-run');
    await page.locator('#due-result table').waitFor();
    await page.screenshot({ path: path.join(OUT, 'logged-in.png') });
    await page.click('#logout');
    await page.waitForFunction(() => !document.querySelector('li[data-layer=pipelines]'));
  });

  await check('English toggle', async () => {
    await open(page);
    await page.click('#lang');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.equal(await page.locator('.tabs button[data-tab=redline]').textContent(), 'Red-line check');
    await page.waitForFunction(() => /Buildings/.test(document.querySelector('li[data-layer=buildings] label').textContent));
    await page.click('#lang');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  });

  await check('usable on a phone screen: no sideways scrolling, map and panel stacked', async () => {
    const phone = await context.newPage();
    const phoneLog = watch(phone);
    await phone.setViewportSize({ width: 390, height: 844 });
    await open(phone);
    assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no horizontal overflow');
    const mapBox = await phone.locator('#map').boundingBox();
    const panelBox = await phone.locator('.panel').boundingBox();
    assert.ok(panelBox.y >= mapBox.y + mapBox.height - 1, 'panel below the map');
    assert.ok(await coloured(phone) > 1000);
    assert.deepEqual(phoneLog.errors, []);
    await phone.screenshot({ path: path.join(OUT, 'phone.png'), fullPage: true });
    await phone.close();
  });

  await check('Swagger UI shows the OpenAPI document, offline', async () => {
    const docs = await context.newPage();
    const docsLog = watch(docs);
    await docs.goto(BASE + '/swagger-ui/index.html');
    await docs.locator('.swagger-ui .info .title').waitFor();
    assert.ok((await docs.locator('.swagger-ui .info .title').textContent()).includes('shikong'));
    await docs.locator('.opblock').first().waitFor();
    assert.deepEqual(docsLog.errors, []);
    assert.deepEqual(docsLog.failed, []);
    await docs.close();
  });
} finally {
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}

const failed = results.filter((r) => r[1] !== 'ok');
console.log(`${results.length - failed.length} of ${results.length} browser checks passed; screenshots in ${OUT}`);
process.exit(failed.length ? 1 : 0);
