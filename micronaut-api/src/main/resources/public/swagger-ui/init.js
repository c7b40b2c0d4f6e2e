/* Swagger UI (from its WebJar) on the OpenAPI document the server generates at build time. */
'use strict';
window.addEventListener('load', () => {
  window.ui = SwaggerUIBundle({
    url: '/swagger/shikong-1.0.yml',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout'
  });
});
