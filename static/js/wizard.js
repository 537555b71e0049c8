// Form pages' enhancements (guided form, review); every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // After a failed save, start from the error summary: screen readers announce it.
  const summary = document.getElementById("error-summary");
  if (!summary) return;
  summary.focus();
  // Each error links to its field: move focus there, not just the scroll position.
  summary.addEventListener("click", (event) => {
    const link = event.target.closest("a[href^='#']");
    const field = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!field) return;
    event.preventDefault();
    const target = field.matches("fieldset") ? field.querySelector("input") || field : field;
    target.scrollIntoView({ block: "center" });
    target.focus();
  });
});
