<?xml version="1.0" encoding="UTF-8"?>
<!-- Red-line zones tinted and hatched green (a light fill under a shape://slash graphic fill; core zones dense and darker), labelled with zone_name below 1:200 000 in a second pass so labels stay on top. -->
<StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
    xmlns:xlink="http://www.w3.org/1999/xlink">
  <NamedLayer>
    <Name>eco_red_lines</Name>
    <UserStyle>
      <Name>eco_red_lines</Name>
      <Title>生态保护红线 Ecological protection red lines</Title>
      <FeatureTypeStyle>
        <Rule>
          <Name>core</Name>
          <Title>核心管控区 Core zone</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>protection_level</ogc:PropertyName><ogc:Literal>core</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
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
            <Stroke><CssParameter name="stroke">#1B7F3B</CssParameter><CssParameter name="stroke-width">2</CssParameter></Stroke>
          </PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>general</Name>
          <Title>一般管控区 General zone</Title>
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
          <MaxScaleDenominator>200000</MaxScaleDenominator>
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
