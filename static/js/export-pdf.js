// "Download PDF": the worker renders PDFs, never the web server (ADR 0015). Without
// JavaScript the link opens the PDF if it is stored, else the "Preparing the PDF" page with
// a "Check again" link. With it, the button reads "Preparing PDF…" while the script polls
// the document's status URL, then starts the download; the "Preparing the PDF" page polls
// the same way. A status region tells screen readers; nothing reloads the page.
(function () {
  "use strict";

  var POLL_MS = 2000;

  // Ask `statusUrl` until the PDF is ready (onReady), or it cannot be (onStop, with the
  // server's message, or "" when the answer was not a status: signed out, say).
  function poll(statusUrl, onReady, onStop) {
    fetch(statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (answer) {
        if (answer.state === "ready") {
          onReady();
        } else if (answer.state === "preparing") {
          setTimeout(function () { poll(statusUrl, onReady, onStop); }, POLL_MS);
        } else {
          onStop(answer.message || "");
        }
      })
      .catch(function () { onStop(""); });
  }

  // The PDF is served as an attachment: the browser downloads it and stays on the page.
  function download(url) {
    window.location.href = url;
  }

  function enhanceButton(box) {
    var link = box.querySelector("[data-export-pdf-link]");
    var status = box.querySelector("[data-export-pdf-status]");
    var statusUrl = box.getAttribute("data-export-pdf-status-url");
    var label = link.textContent;
    var busy = false;

    function working(on) {
      busy = on;
      link.textContent = on ? "Preparing PDF…" : label;
      if (on) {
        link.setAttribute("aria-disabled", "true");
      } else {
        link.removeAttribute("aria-disabled");
      }
    }

    link.addEventListener("click", function (event) {
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) {
        return;
      }
      event.preventDefault();
      if (busy) {
        return;
      }
      working(true);
      status.textContent = "Preparing PDF…";
      poll(
        statusUrl,
        function () {
          status.textContent = "PDF ready: the download has started.";
          working(false);
          download(link.href);
        },
        function () {
          // The page the link leads to says why (too long, sign-in, a failed render).
          working(false);
          window.location.href = link.href;
        }
      );
    });
  }

  function enhancePreparingPage(box) {
    var status = box.querySelector("[data-pdf-preparing-status]");
    status.textContent = "Preparing the PDF: the download starts when it is ready.";
    poll(
      box.getAttribute("data-status-url"),
      function () {
        status.textContent = "The PDF is ready: the download has started.";
        download(box.getAttribute("data-download-url"));
      },
      function (message) {
        status.textContent = message || "Could not ask whether the PDF is ready: use Check again.";
      }
    );
  }

  document.querySelectorAll("[data-export-pdf]").forEach(enhanceButton);
  document.querySelectorAll("[data-pdf-preparing]").forEach(enhancePreparingPage);
})();
