// One focus behavior for every form: after a failed save, start from the error summary
// (screen readers announce it), and each of its links moves focus to its field.
(() => {
  const summaryOf = () => {
    const summary = document.querySelector("#error-summary, .usa-alert--error.error-summary");
    if (summary && !summary.hasAttribute("tabindex")) summary.setAttribute("tabindex", "-1");
    return summary;
  };

  // The field a summary link points at; a fieldset (radio group, checkboxes) is not
  // focusable, so its first input takes focus instead.
  const fieldOf = (link) => {
    const id = decodeURIComponent(link.getAttribute("href").slice(1));
    const field = id && document.getElementById(id);
    if (!field) return null;
    if (field.matches("fieldset, .usa-fieldset, [role='radiogroup'], [role='group']")) {
      return field.querySelector("input:not([type='hidden']), select, textarea") || field;
    }
    return field;
  };

  // Unless the user has already moved on, (re)focus the summary and bring it into view.
  const focusSummary = () => {
    const summary = summaryOf();
    if (!summary) return;
    const active = document.activeElement;
    if (active === summary) summary.scrollIntoView({ block: "nearest" });
    else if (!active || active === document.body) summary.focus();
  };

  document.addEventListener("click", (event) => {
    const link = event.target.closest(".usa-alert--error a[href^='#']");
    const field = link && fieldOf(link);
    if (!field) return;
    event.preventDefault();
    field.scrollIntoView({ block: "center" });
    field.focus();
  });

  // The form's action may carry a fragment (#new-row, #section-...): the browser jumps
  // there after load and drops focus, so drop the fragment first, then focus the
  // summary once the page (and any jump) has settled.
  document.addEventListener("DOMContentLoaded", () => {
    if (!summaryOf()) return;
    if (location.hash) history.replaceState(history.state, "", location.pathname + location.search);
    focusSummary();
  });
  window.addEventListener("load", () => requestAnimationFrame(focusSummary));
})();
