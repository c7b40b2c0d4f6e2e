<?xml version="1.0" encoding="UTF-8"?>
<!-- The project of a compliance map, in three passes so the order on the map is the style's: the buffer
     (dashed blue outline), the overlaps with red-line zones (filled red), the footprint on top (blue outline;
     a line footprint drawn as a blue line; a point footprint, or one too small to see at the map's scale,
     as a blue dot). The map's features carry kind:
     buffer, overlap, footprint, footprint_line or footprint_point; see RedLineMapStyles. -->
<StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
    xmlns:xlink="http://www.w3.org/1999/xlink">
  <NamedLayer>
    <Name>redline_project</Name>
    <UserStyle>
      <Name>redline_project</Name>
      <Title>项目 Project</Title>
      <FeatureTypeStyle>
        <Rule>
          <Name>buffer</Name>
          <Title>缓冲区 Buffer</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>kind</ogc:PropertyName><ogc:Literal>buffer</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer>
            <Stroke><CssParameter name="stroke">#1E3CC8</CssParameter><CssParameter name="stroke-width">1.2</CssParameter><CssParameter name="stroke-dasharray">6 4</CssParameter></Stroke>
          </PolygonSymbolizer>
        </Rule>
      </FeatureTypeStyle>
      <FeatureTypeStyle>
        <Rule>
          <Name>overlap</Name>
          <Title>重叠 Overlap</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>kind</ogc:PropertyName><ogc:Literal>overlap</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer>
            <Fill><CssParameter name="fill">#DC1414</CssParameter><CssParameter name="fill-opacity">0.85</CssParameter></Fill>
            <Stroke><CssParameter name="stroke">#A00000</CssParameter><CssParameter name="stroke-width">1.5</CssParameter></Stroke>
          </PolygonSymbolizer>
        </Rule>
      </FeatureTypeStyle>
      <FeatureTypeStyle>
        <Rule>
          <Name>footprint</Name>
          <Title>项目范围 Footprint</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>kind</ogc:PropertyName><ogc:Literal>footprint</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer>
            <Stroke><CssParameter name="stroke">#1E3CC8</CssParameter><CssParameter name="stroke-width">2.2</CssParameter><CssParameter name="stroke-linejoin">round</CssParameter></Stroke>
          </PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>footprint_line</Name>
          <Title>项目线路 Footprint (line)</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>kind</ogc:PropertyName><ogc:Literal>footprint_line</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <LineSymbolizer>
            <Stroke><CssParameter name="stroke">#1E3CC8</CssParameter><CssParameter name="stroke-width">2.2</CssParameter><CssParameter name="stroke-linecap">round</CssParameter><CssParameter name="stroke-linejoin">round</CssParameter></Stroke>
          </LineSymbolizer>
        </Rule>
        <Rule>
          <Name>footprint_point</Name>
          <Title>项目位置 Footprint location</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>kind</ogc:PropertyName><ogc:Literal>footprint_point</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PointSymbolizer>
            <Graphic>
              <Mark>
                <WellKnownName>circle</WellKnownName>
                <Fill><CssParameter name="fill">#1E3CC8</CssParameter></Fill>
                <Stroke><CssParameter name="stroke">#FFFFFF</CssParameter><CssParameter name="stroke-width">1</CssParameter></Stroke>
              </Mark>
              <Size>8</Size>
            </Graphic>
          </PointSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
