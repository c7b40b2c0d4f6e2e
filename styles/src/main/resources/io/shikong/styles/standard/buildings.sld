<?xml version="1.0" encoding="UTF-8"?>
<!-- Buildings filled by use (seven codes of the catalog), unknown uses gray; thin dark outline. -->
<StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
    xmlns:xlink="http://www.w3.org/1999/xlink">
  <NamedLayer>
    <Name>buildings</Name>
    <UserStyle>
      <Name>buildings</Name>
      <Title>建筑物（按用途） Buildings by use</Title>
      <FeatureTypeStyle>
        <Rule>
          <Name>residential</Name>
          <Title>住宅 Residential</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>use</ogc:PropertyName><ogc:Literal>residential</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer>
            <Fill><CssParameter name="fill">#F2DAB2</CssParameter></Fill>
            <Stroke><CssParameter name="stroke">#5A5A5A</CssParameter><CssParameter name="stroke-width">0.5</CssParameter></Stroke>
          </PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>commercial</Name>
          <Title>商业 Commercial</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>use</ogc:PropertyName><ogc:Literal>commercial</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer>
            <Fill><CssParameter name="fill">#F4A261</CssParameter></Fill>
            <Stroke><CssParameter name="stroke">#5A5A5A</CssParameter><CssParameter name="stroke-width">0.5</CssParameter></Stroke>
          </PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>office</Name>
          <Title>办公 Office</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>use</ogc:PropertyName><ogc:Literal>office</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer>
            <Fill><CssParameter name="fill">#7FA7D9</CssParameter></Fill>
            <Stroke><CssParameter name="stroke">#5A5A5A</CssParameter><CssParameter name="stroke-width">0.5</CssParameter></Stroke>
          </PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>industrial</Name>
          <Title>工业 Industrial</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>use</ogc:PropertyName><ogc:Literal>industrial</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer>
            <Fill><CssParameter name="fill">#A98BC7</CssParameter></Fill>
            <Stroke><CssParameter name="stroke">#5A5A5A</CssParameter><CssParameter name="stroke-width">0.5</CssParameter></Stroke>
          </PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>public</Name>
          <Title>公共 Public</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>use</ogc:PropertyName><ogc:Literal>public</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer>
            <Fill><CssParameter name="fill">#8CC084</CssParameter></Fill>
            <Stroke><CssParameter name="stroke">#5A5A5A</CssParameter><CssParameter name="stroke-width">0.5</CssParameter></Stroke>
          </PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>education</Name>
          <Title>教育 Education</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>use</ogc:PropertyName><ogc:Literal>education</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer>
            <Fill><CssParameter name="fill">#F6D55C</CssParameter></Fill>
            <Stroke><CssParameter name="stroke">#5A5A5A</CssParameter><CssParameter name="stroke-width">0.5</CssParameter></Stroke>
          </PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>medical</Name>
          <Title>医疗 Medical</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>use</ogc:PropertyName><ogc:Literal>medical</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer>
            <Fill><CssParameter name="fill">#E76F6F</CssParameter></Fill>
            <Stroke><CssParameter name="stroke">#5A5A5A</CssParameter><CssParameter name="stroke-width">0.5</CssParameter></Stroke>
          </PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>other</Name>
          <Title>其他 Other</Title>
          <ElseFilter/>
          <PolygonSymbolizer>
            <Fill><CssParameter name="fill">#C8C8C8</CssParameter></Fill>
            <Stroke><CssParameter name="stroke">#5A5A5A</CssParameter><CssParameter name="stroke-width">0.5</CssParameter></Stroke>
          </PolygonSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
