<?xml version="1.0" encoding="UTF-8"?>
<!-- Pipelines coloured by network (water supply blue, drainage brown, heating red, gas yellow), thick from DN500; unknown networks gray dashed. -->
<StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
    xmlns:xlink="http://www.w3.org/1999/xlink">
  <NamedLayer>
    <Name>pipelines</Name>
    <UserStyle>
      <Name>pipelines</Name>
      <Title>地下管线（按管网） Pipelines by network</Title>
      <FeatureTypeStyle>
        <Rule>
          <Name>water_supply</Name>
          <Title>供水 Water supply DN&lt;500</Title>
          <ogc:Filter><ogc:And><ogc:PropertyIsEqualTo><ogc:PropertyName>network</ogc:PropertyName><ogc:Literal>water_supply</ogc:Literal></ogc:PropertyIsEqualTo><ogc:Or><ogc:PropertyIsLessThan><ogc:PropertyName>diameter_mm</ogc:PropertyName><ogc:Literal>500</ogc:Literal></ogc:PropertyIsLessThan><ogc:PropertyIsNull><ogc:PropertyName>diameter_mm</ogc:PropertyName></ogc:PropertyIsNull></ogc:Or></ogc:And></ogc:Filter>
          <LineSymbolizer>
            <Stroke><CssParameter name="stroke">#1F78B4</CssParameter><CssParameter name="stroke-width">1.5</CssParameter><CssParameter name="stroke-linecap">round</CssParameter><CssParameter name="stroke-linejoin">round</CssParameter></Stroke>
          </LineSymbolizer>
        </Rule>
        <Rule>
          <Name>water_supply_large</Name>
          <Title>供水 Water supply DN≥500</Title>
          <ogc:Filter><ogc:And><ogc:PropertyIsEqualTo><ogc:PropertyName>network</ogc:PropertyName><ogc:Literal>water_supply</ogc:Literal></ogc:PropertyIsEqualTo><ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyName>diameter_mm</ogc:PropertyName><ogc:Literal>500</ogc:Literal></ogc:PropertyIsGreaterThanOrEqualTo></ogc:And></ogc:Filter>
          <LineSymbolizer>
            <Stroke><CssParameter name="stroke">#1F78B4</CssParameter><CssParameter name="stroke-width">3.5</CssParameter><CssParameter name="stroke-linecap">round</CssParameter><CssParameter name="stroke-linejoin">round</CssParameter></Stroke>
          </LineSymbolizer>
        </Rule>
        <Rule>
          <Name>drainage</Name>
          <Title>排水 Drainage DN&lt;500</Title>
          <ogc:Filter><ogc:And><ogc:PropertyIsEqualTo><ogc:PropertyName>network</ogc:PropertyName><ogc:Literal>drainage</ogc:Literal></ogc:PropertyIsEqualTo><ogc:Or><ogc:PropertyIsLessThan><ogc:PropertyName>diameter_mm</ogc:PropertyName><ogc:Literal>500</ogc:Literal></ogc:PropertyIsLessThan><ogc:PropertyIsNull><ogc:PropertyName>diameter_mm</ogc:PropertyName></ogc:PropertyIsNull></ogc:Or></ogc:And></ogc:Filter>
          <LineSymbolizer>
            <Stroke><CssParameter name="stroke">#8B5A2B</CssParameter><CssParameter name="stroke-width">1.5</CssParameter><CssParameter name="stroke-linecap">round</CssParameter><CssParameter name="stroke-linejoin">round</CssParameter></Stroke>
          </LineSymbolizer>
        </Rule>
        <Rule>
          <Name>drainage_large</Name>
          <Title>排水 Drainage DN≥500</Title>
          <ogc:Filter><ogc:And><ogc:PropertyIsEqualTo><ogc:PropertyName>network</ogc:PropertyName><ogc:Literal>drainage</ogc:Literal></ogc:PropertyIsEqualTo><ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyName>diameter_mm</ogc:PropertyName><ogc:Literal>500</ogc:Literal></ogc:PropertyIsGreaterThanOrEqualTo></ogc:And></ogc:Filter>
          <LineSymbolizer>
            <Stroke><CssParameter name="stroke">#8B5A2B</CssParameter><CssParameter name="stroke-width">3.5</CssParameter><CssParameter name="stroke-linecap">round</CssParameter><CssParameter name="stroke-linejoin">round</CssParameter></Stroke>
          </LineSymbolizer>
        </Rule>
        <Rule>
          <Name>heating</Name>
          <Title>供热 Heating DN&lt;500</Title>
          <ogc:Filter><ogc:And><ogc:PropertyIsEqualTo><ogc:PropertyName>network</ogc:PropertyName><ogc:Literal>heating</ogc:Literal></ogc:PropertyIsEqualTo><ogc:Or><ogc:PropertyIsLessThan><ogc:PropertyName>diameter_mm</ogc:PropertyName><ogc:Literal>500</ogc:Literal></ogc:PropertyIsLessThan><ogc:PropertyIsNull><ogc:PropertyName>diameter_mm</ogc:PropertyName></ogc:PropertyIsNull></ogc:Or></ogc:And></ogc:Filter>
          <LineSymbolizer>
            <Stroke><CssParameter name="stroke">#D7191C</CssParameter><CssParameter name="stroke-width">1.5</CssParameter><CssParameter name="stroke-linecap">round</CssParameter><CssParameter name="stroke-linejoin">round</CssParameter></Stroke>
          </LineSymbolizer>
        </Rule>
        <Rule>
          <Name>heating_large</Name>
          <Title>供热 Heating DN≥500</Title>
          <ogc:Filter><ogc:And><ogc:PropertyIsEqualTo><ogc:PropertyName>network</ogc:PropertyName><ogc:Literal>heating</ogc:Literal></ogc:PropertyIsEqualTo><ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyName>diameter_mm</ogc:PropertyName><ogc:Literal>500</ogc:Literal></ogc:PropertyIsGreaterThanOrEqualTo></ogc:And></ogc:Filter>
          <LineSymbolizer>
            <Stroke><CssParameter name="stroke">#D7191C</CssParameter><CssParameter name="stroke-width">3.5</CssParameter><CssParameter name="stroke-linecap">round</CssParameter><CssParameter name="stroke-linejoin">round</CssParameter></Stroke>
          </LineSymbolizer>
        </Rule>
        <Rule>
          <Name>gas</Name>
          <Title>燃气 Gas DN&lt;500</Title>
          <ogc:Filter><ogc:And><ogc:PropertyIsEqualTo><ogc:PropertyName>network</ogc:PropertyName><ogc:Literal>gas</ogc:Literal></ogc:PropertyIsEqualTo><ogc:Or><ogc:PropertyIsLessThan><ogc:PropertyName>diameter_mm</ogc:PropertyName><ogc:Literal>500</ogc:Literal></ogc:PropertyIsLessThan><ogc:PropertyIsNull><ogc:PropertyName>diameter_mm</ogc:PropertyName></ogc:PropertyIsNull></ogc:Or></ogc:And></ogc:Filter>
          <LineSymbolizer>
            <Stroke><CssParameter name="stroke">#E6B800</CssParameter><CssParameter name="stroke-width">1.5</CssParameter><CssParameter name="stroke-linecap">round</CssParameter><CssParameter name="stroke-linejoin">round</CssParameter></Stroke>
          </LineSymbolizer>
        </Rule>
        <Rule>
          <Name>gas_large</Name>
          <Title>燃气 Gas DN≥500</Title>
          <ogc:Filter><ogc:And><ogc:PropertyIsEqualTo><ogc:PropertyName>network</ogc:PropertyName><ogc:Literal>gas</ogc:Literal></ogc:PropertyIsEqualTo><ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyName>diameter_mm</ogc:PropertyName><ogc:Literal>500</ogc:Literal></ogc:PropertyIsGreaterThanOrEqualTo></ogc:And></ogc:Filter>
          <LineSymbolizer>
            <Stroke><CssParameter name="stroke">#E6B800</CssParameter><CssParameter name="stroke-width">3.5</CssParameter><CssParameter name="stroke-linecap">round</CssParameter><CssParameter name="stroke-linejoin">round</CssParameter></Stroke>
          </LineSymbolizer>
        </Rule>
        <Rule>
          <Name>other</Name>
          <Title>其他 Other</Title>
          <ElseFilter/>
          <LineSymbolizer>
            <Stroke><CssParameter name="stroke">#808080</CssParameter><CssParameter name="stroke-width">1</CssParameter><CssParameter name="stroke-linecap">round</CssParameter><CssParameter name="stroke-linejoin">round</CssParameter><CssParameter name="stroke-dasharray">4 2</CssParameter></Stroke>
          </LineSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
