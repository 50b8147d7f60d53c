// The API documentation page: Swagger UI over this server's own OpenAPI document.
// The script is served by unsc itself (no inline script, no third-party request).
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
});
