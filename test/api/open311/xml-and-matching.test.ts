// The pieces of the Open311 endpoint that need no server: the XML writer, the GeoReport documents
// in both formats, and the locality rule of docs/open311.md.
import { describe, expect, it } from 'vitest';
import { list, record, render } from '../../../shared/open311/document';
import { matchLocality, NEAREST_WITHIN_METRES, type PlacedLocality } from '../../../shared/open311/locality-match';
import { distanceMetres, polygonContains, type GeoPolygon } from '../../../shared/open311/geometry';
import { escapeText, node, toXml } from '../../../shared/open311/xml';
import { parseXml } from './open311-client';

describe('the XML writer', () => {
  it('escapes markup and replaces what XML 1.0 cannot carry', () => {
    expect(escapeText(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
    expect(escapeText('a\u0001b\u000bc\td\ne')).toBe('a\ufffdb\ufffdc\td\ne');
    expect(escapeText('占道\ud800经营')).toBe('占道\ufffd经营');
  });

  it('writes empty values as empty elements and round-trips through a parser', () => {
    const xml = toXml(
      node('errors', [node('error', [node('code', 400), node('description', '</x>&'), node('note', null)])]),
    );
    expect(xml).toBe(
      '<?xml version="1.0" encoding="utf-8"?><errors><error><code>400</code><description>&lt;/x&gt;&amp;</description><note/></error></errors>',
    );
    expect(parseXml(xml)).toEqual({
      root: 'errors',
      content: { error: { code: '400', description: '</x>&', note: '' } },
    });
  });

  it('refuses an element name that is not one', () => {
    expect(() => toXml(node('a b', 1))).toThrow(/not an XML element name/);
  });

  it('renders one description as a JSON array or an XML list', () => {
    const value = list('service', [
      record([
        ['service_code', 'x'],
        ['metadata', true],
        ['group', null],
      ]),
    ]);
    expect(JSON.parse(render('json', 'services', value).body)).toEqual([
      { service_code: 'x', metadata: true, group: null },
    ]);
    expect(render('xml', 'services', value)).toEqual({
      body: '<?xml version="1.0" encoding="utf-8"?><services><service><service_code>x</service_code><metadata>true</metadata><group/></service></services>',
      contentType: 'application/xml; charset=utf-8',
    });
  });
});

const square = (west: number, south: number, size: number): GeoPolygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [west, south],
      [west + size, south],
      [west + size, south + size],
      [west, south + size],
      [west, south],
    ],
  ],
});

const tree: PlacedLocality[] = [
  { code: 'city', name: '兴义市', parentCode: null, point: null, boundary: square(104, 25, 1) },
  { code: 'street', name: '兴泰街道', parentCode: 'city', point: null, boundary: square(104.8, 25.0, 0.1) },
  { code: 'village', name: '马革闹村', parentCode: 'street', point: { lat: 25.5, long: 104.5 }, boundary: null },
  { code: 'other-root', name: '安龙县', parentCode: null, point: null, boundary: null },
];

describe('the locality rule', () => {
  it('takes the smallest boundary that contains the point, holes excluded', () => {
    expect(matchLocality(tree, { point: { lat: 25.05, long: 104.85 }, address: null })).toEqual({
      code: 'street',
      locatedBy: 'boundary',
    });
    expect(matchLocality(tree, { point: { lat: 25.9, long: 104.1 }, address: null })).toEqual({
      code: 'city',
      locatedBy: 'boundary',
    });
    const holed: GeoPolygon = {
      type: 'Polygon',
      coordinates: [...square(0, 0, 2).coordinates, ...square(0.5, 0.5, 1).coordinates],
    };
    expect(polygonContains(holed, { lat: 1, long: 1 })).toBe(false);
    expect(polygonContains(holed, { lat: 0.2, long: 0.2 })).toBe(true);
  });

  it('else the nearest point within the radius, measured by haversine', () => {
    // 0.01° of latitude is about 1.1 km.
    expect(distanceMetres({ lat: 25, long: 104 }, { lat: 25.01, long: 104 })).toBeCloseTo(1112, -1);
    const noBoundaries = tree.map((l) => ({ ...l, boundary: null }));
    expect(matchLocality(noBoundaries, { point: { lat: 25.51, long: 104.5 }, address: null })).toEqual({
      code: 'village',
      locatedBy: 'nearest',
    });
    const far = 25.5 + (NEAREST_WITHIN_METRES + 500) / 111_195;
    expect(matchLocality(noBoundaries, { point: { lat: far, long: 104.5 }, address: null })).toEqual({
      code: 'city',
      locatedBy: 'fallback',
    });
  });

  it('matches an address to the most specific locality it names, then falls back to the first root', () => {
    expect(matchLocality(tree, { point: null, address: '兴义市兴泰街道马革闹村3组' })).toEqual({
      code: 'village',
      locatedBy: 'address',
    });
    expect(matchLocality(tree, { point: null, address: '兴义市瑞金南路' })).toEqual({
      code: 'city',
      locatedBy: 'address',
    });
    expect(matchLocality(tree, { point: null, address: '不知道哪里' })).toEqual({
      code: 'city',
      locatedBy: 'fallback',
    });
    expect(matchLocality([], { point: null, address: '兴义市' })).toBeNull();
  });

  it('prefers the point to the address, and the address when the point matches nothing', () => {
    expect(matchLocality(tree, { point: { lat: 25.05, long: 104.85 }, address: '马革闹村' })?.code).toBe('street');
    expect(matchLocality(tree, { point: { lat: 0, long: 0 }, address: '马革闹村' })?.code).toBe('village');
  });
});
