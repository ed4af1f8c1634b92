// Swagger UI for /api/v1/: no inline script (the Content-Security-Policy allows none), no
// calls to the public validator, requests with the session's CSRF token when signed in.
window.addEventListener("DOMContentLoaded", function () {
  var node = document.getElementById("swagger-ui");
  var csrf = document.querySelector("input[name=csrfmiddlewaretoken]");
  window.SwaggerUIBundle({
    url: node.dataset.schemaUrl,
    domNode: node,
    deepLinking: false, // its links inside the summary buttons are nested controls (axe)
    validatorUrl: null,
    defaultModelsExpandDepth: 0,
    onComplete: function () {
      // Swagger UI's server choice has no label of its own.
      var servers = document.getElementById("servers");
      if (servers) { servers.setAttribute("aria-label", node.dataset.serversLabel); }
    },
    requestInterceptor: function (request) {
      if (csrf) { request.headers["X-CSRFToken"] = csrf.value; }
      return request;
    },
  });
});
