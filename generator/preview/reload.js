// Live reload for `generator serve`: reload on a "reload" event, and after the server comes back.
(function () {
  var lost = false;
  function connect() {
    var es = new EventSource("/_preview/events");
    es.addEventListener("reload", function () { location.reload(); });
    es.onopen = function () { if (lost) location.reload(); };
    // Reconnect ourselves every second: the browser's own retry may back off for long while the server is down.
    es.onerror = function () { lost = true; es.close(); setTimeout(connect, 1000); };
  }
  connect();
})();
