// Leaving a guided-form step with unsaved changes asks first (templates/idd/guided_form/
// leave_dialog.html): "Save and leave" saves like "Save and exit" (or keeps what does not
// validate yet, for this planner) and then follows the link; "Leave without saving";
// "Stay on this step". The browser's own navigation (address bar, reload, closing the
// tab) gets its "leave site?" question. Without this file the step list's buttons save.
(() => {
  const form = document.getElementById("step-form");
  const dialog = document.getElementById("leave-dialog");
  const exit = form && form.querySelector("button[name='action'][value='exit']");
  if (!form || !dialog || !exit || typeof dialog.showModal !== "function") return;

  const state = () => new URLSearchParams(new FormData(form)).toString();
  const opened = state();
  let leaving = false; // a save or a chosen way out is under way: no more questions
  let destination = null;
  let link = null;

  // A page that shows input not saved yet (a failed save, kept input) is changed already.
  const changed = () => !leaving && (form.dataset.unsaved === "true" || state() !== opened);

  form.addEventListener("submit", () => {
    leaving = true;
  });
  document.querySelectorAll("form[data-discards-unsaved]").forEach((discard) => {
    discard.addEventListener("submit", () => {
      leaving = true;
    });
  });
  window.addEventListener("pageshow", () => {
    leaving = false; // back to this page from the browser's history
  });
  window.addEventListener("beforeunload", (event) => {
    if (!changed()) return;
    event.preventDefault();
    event.returnValue = "";
  });

  // Links that leave this page for another page of this site, in this tab.
  const leavesPage = (anchor) => {
    if (anchor.target || anchor.hasAttribute("download")) return null;
    const url = new URL(anchor.href, window.location.href);
    if (url.origin !== window.location.origin) return null; // beforeunload asks
    const here = new URL(window.location.href);
    if (url.pathname === here.pathname && url.search === here.search && url.hash) return null;
    return url;
  };

  document.addEventListener("click", (event) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = event.target.closest("a[href]");
    const url = anchor && leavesPage(anchor);
    if (!url || !changed()) return;
    event.preventDefault();
    destination = url;
    link = anchor;
    dialog.showModal();
  });

  dialog.addEventListener("click", (event) => {
    const choice = event.target.closest("[data-leave]");
    if (!choice) return;
    const way = choice.dataset.leave;
    if (way === "stay") {
      dialog.close();
      return;
    }
    leaving = true;
    if (way === "discard") {
      window.location.assign(destination.href);
      return;
    }
    let next = form.querySelector("input[name='next']");
    if (!next) {
      next = document.createElement("input");
      next.type = "hidden";
      next.name = "next";
      form.append(next);
    }
    next.value = destination.pathname + destination.search + destination.hash;
    dialog.close();
    form.requestSubmit(exit);
  });

  // Closed by "Stay" or Escape: back to the link that was followed.
  dialog.addEventListener("close", () => {
    if (!leaving && link) link.focus();
  });
})();
