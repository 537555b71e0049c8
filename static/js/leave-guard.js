// Leaving a guided-form step with unsaved changes asks first (templates/idd/guided_form/
// leave_dialog.html): "Save and leave" saves like "Save and exit" (or keeps what does not
// validate yet, for this planner) and then follows the link; "Leave without saving";
// "Stay on this step". Sending another form of the step (a reply) asks the same way. The browser's own navigation (address bar, reload, closing the
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
  let pending = null; // another form of the page (a reply, "Mark as resolved"), and its button
  let pendingButton = null;
  const heading = document.getElementById("leave-dialog-heading");
  const text = document.getElementById("leave-dialog-text");
  const saveButton = dialog.querySelector("[data-leave='save']");
  const discardButton = dialog.querySelector("[data-leave='discard']");
  const words = (forForm) => {
    const key = forForm ? "form" : "link";
    heading.textContent = heading.dataset[key];
    text.textContent = text.dataset[key];
    saveButton.textContent = saveButton.dataset[key];
    discardButton.textContent = discardButton.dataset[key];
  };

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

  // Another form on the step (a reply to a comment, "Mark as resolved") reloads the page,
  // which would lose the step's changes: ask as for a link. "Save and send" saves the step
  // first (the server keeps what does not validate yet, as for "Save and exit"), then sends.
  document.addEventListener("submit", (event) => {
    const other = event.target;
    if (event.defaultPrevented || other === form || other.hasAttribute("data-discards-unsaved") || !changed()) return;
    event.preventDefault();
    pending = other;
    pendingButton = event.submitter;
    link = null;
    words(true);
    dialog.showModal();
  });

  const sendPending = () => {
    leaving = true;
    if (pendingButton) pending.requestSubmit(pendingButton);
    else pending.requestSubmit();
  };

  const saveThenSend = () => {
    const data = new FormData(form);
    data.set(exit.name, exit.value);
    data.set("next", window.location.pathname + window.location.search);
    leaving = true;
    // Not followed: the redirect's page would take the input the server kept for this step.
    const options = { method: "POST", body: data, credentials: "same-origin", redirect: "manual" };
    // (form.action is the "action" buttons here: the attribute names the URL.)
    fetch(form.getAttribute("action") || window.location.href, options)
      .then((response) => {
        if (response.type === "opaqueredirect") sendPending();
        else form.requestSubmit(exit); // a conflict or an error: the step shows it
      })
      .catch(() => form.requestSubmit(exit));
  };

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
    pending = null;
    words(false);
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
    if (pending) {
      dialog.close();
      if (way === "discard") sendPending();
      else saveThenSend();
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
    if (leaving) return;
    if (link) link.focus();
    else if (pendingButton) pendingButton.focus();
  });
})();
