// Relative to this page, so that it works at any context root (the service runs at the root).
window.ui = SwaggerUIBundle({
  url: new URL("../openapi", window.location.href).href,
  dom_id: "#swagger-ui",
  deepLinking: true
});
