// "Download PDF": without JavaScript the link simply opens the PDF. With it, the button
// reads "Preparing PDF…" while the server renders (a large IDD takes a few seconds), then
// hands the file to the browser as a download; a status region tells screen readers.
(function () {
  "use strict";

  function fileName(response) {
    var header = response.headers.get("Content-Disposition") || "";
    var match = /filename="?([^";]+)"?/.exec(header);
    return match ? match[1] : "IDD.pdf";
  }

  function save(blob, name) {
    var url = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  function enhance(box) {
    var link = box.querySelector("[data-export-pdf-link]");
    var status = box.querySelector("[data-export-pdf-status]");
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
      fetch(link.href, { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("HTTP " + response.status);
          }
          var name = fileName(response);
          return response.blob().then(function (blob) { save(blob, name); });
        })
        .then(function () {
          status.textContent = "PDF ready: the download has started.";
          working(false);
        })
        .catch(function () {
          // Let the browser show whatever the server says (sign-in page, error page).
          working(false);
          window.location.href = link.href;
        });
    });
  }

  document.querySelectorAll("[data-export-pdf]").forEach(enhance);
})();
