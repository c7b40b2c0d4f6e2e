<?xml version="1.0" encoding="UTF-8"?>
<!-- The red-line zones of a compliance map, tinted and hatched green like the standard eco_red_lines style:
     the zones a footprint touches dense and darker with a solid outline, the others light with a dashed one;
     every zone labelled with its name in a second pass so labels stay on top. The map's features carry
     zone_name (the catalog's name attribute) and touched (true or false); see RedLineMapStyles. -->
<StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
    xmlns:xlink="http://www.w3.org/1999/xlink">
  <NamedLayer>
    <Name>redline_zones</Name>
    <UserStyle>
      <Name>redline_zones</Name>
      <Title>生态保护红线 Ecological protection red lines</Title>
      <FeatureTypeStyle>
        <Rule>
          <Name>touched</Name>
          <Title>涉及红线 Zone touched</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>touched</ogc:PropertyName><ogc:Literal>true</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer>
            <Fill><CssParameter name="fill">#1B7F3B</CssParameter><CssParameter name="fill-opacity">0.18</CssParameter></Fill>
          </PolygonSymbolizer>
          <PolygonSymbolizer>
            <Fill>
              <GraphicFill>
                <Graphic>
                  <Mark>
                    <WellKnownName>shape://slash</WellKnownName>
                    <Stroke><CssParameter name="stroke">#1B7F3B</CssParameter><CssParameter name="stroke-width">1</CssParameter></Stroke>
                  </Mark>
                  <Size>6</Size>
                </Graphic>
              </GraphicFill>
            </Fill>
            <Stroke><CssParameter name="stroke">#145A2A</CssParameter><CssParameter name="stroke-width">2</CssParameter></Stroke>
          </PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>zone</Name>
          <Title>生态红线 Red-line zone</Title>
          <ElseFilter/>
          <PolygonSymbolizer>
            <Fill><CssParameter name="fill">#4CAF50</CssParameter><CssParameter name="fill-opacity">0.12</CssParameter></Fill>
          </PolygonSymbolizer>
          <PolygonSymbolizer>
            <Fill>
              <GraphicFill>
                <Graphic>
                  <Mark>
                    <WellKnownName>shape://slash</WellKnownName>
                    <Stroke><CssParameter name="stroke">#4CAF50</CssParameter><CssParameter name="stroke-width">1</CssParameter></Stroke>
                  </Mark>
                  <Size>10</Size>
                </Graphic>
              </GraphicFill>
            </Fill>
            <Stroke><CssParameter name="stroke">#4CAF50</CssParameter><CssParameter name="stroke-width">1.2</CssParameter><CssParameter name="stroke-dasharray">6 3</CssParameter></Stroke>
          </PolygonSymbolizer>
        </Rule>
      </FeatureTypeStyle>
      <FeatureTypeStyle>
        <Rule>
          <Name>label</Name>
          <Title>区域名称 Zone name</Title>
          <TextSymbolizer>
            <Label><ogc:PropertyName>zone_name</ogc:PropertyName></Label>
            <Font><CssParameter name="font-family">WenQuanYi Zen Hei</CssParameter><CssParameter name="font-size">12</CssParameter><CssParameter name="font-weight">bold</CssParameter></Font>
            <LabelPlacement>
              <PointPlacement>
                <AnchorPoint><AnchorPointX>0.5</AnchorPointX><AnchorPointY>0.5</AnchorPointY></AnchorPoint>
              </PointPlacement>
            </LabelPlacement>
            <Halo><Radius>1.5</Radius><Fill><CssParameter name="fill">#FFFFFF</CssParameter><CssParameter name="fill-opacity">0.85</CssParameter></Fill></Halo>
            <Fill><CssParameter name="fill">#145A2A</CssParameter></Fill>
          </TextSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
