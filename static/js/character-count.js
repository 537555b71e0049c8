// USWDS's character count says "N characters allowed" until the first keystroke; on a page
// that comes back with text (a refused save, an edit) say at once how many are left or over.
// Runs after USWDS's own set-up (uswds.min.js loads before this deferred file).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll(".usa-character-count__field").forEach((field) => {
    if (field.value) field.dispatchEvent(new Event("input", { bubbles: true }));
  });
});
