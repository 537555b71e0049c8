// "Move up" / "Move down" on formset rows save and reload the page (they work without
// JavaScript). This keeps focus on the moved row's button and says where the row went.
(() => {
  const KEY = "row-move";

  // Remember which move was asked for: the reloaded page cannot tell.
  document.addEventListener("submit", (event) => {
    const button = event.submitter;
    if (!button || button.name !== "move") return;
    sessionStorage.setItem(KEY, JSON.stringify({ path: location.pathname, move: button.value }));
  });

  const announce = (text) => {
    const region = document.createElement("div");
    region.setAttribute("role", "status");
    region.className = "usa-sr-only";
    document.body.append(region);
    // Filled after it is in the page, so screen readers hear the change.
    setTimeout(() => { region.textContent = text; }, 250);
  };

  document.addEventListener("DOMContentLoaded", () => {
    const stored = sessionStorage.getItem(KEY);
    if (!stored) return;
    sessionStorage.removeItem(KEY);
    let asked;
    try { asked = JSON.parse(stored); } catch { return; }
    // A failed save moved nothing: the error summary takes focus instead.
    if (asked.path !== location.pathname || document.getElementById("error-summary")) return;
    const [prefix, index, direction] = String(asked.move).split(":");
    const moved = Number(index) + (direction === "up" ? -1 : 1);
    const button = (dir) =>
      document.querySelector(`button[name='move'][value='${CSS.escape(`${prefix}:${moved}:${dir}`)}']`);
    const target = button(direction) || button(direction === "up" ? "down" : "up");
    if (!target) return;
    const rows = target.closest(".formset-rows");
    const count = rows ? rows.querySelectorAll(":scope > .formset-row").length : 0;
    if (location.hash) history.replaceState(history.state, "", location.pathname + location.search);
    target.focus();
    // The browser's jump to a fragment after load drops focus: take it back then.
    window.addEventListener("load", () => requestAnimationFrame(() => {
      if (document.activeElement === document.body) target.focus();
    }));
    announce(`Row moved to position ${moved + 1}${count ? ` of ${count}` : ""}.`);
  });
})();
