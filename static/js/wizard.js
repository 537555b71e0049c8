// Guided form: after a failed save, move focus to the error summary so screen readers
// announce it and keyboard users start from the list of errors. Works without this file.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.getElementById("error-summary");
  if (summary) summary.focus();
});
