// Targeted units (Basics): show only the units of the partner chosen, as soon as it is
// chosen. Without this file every partner's group shows, each under its partner's name,
// and the server refuses a unit of another partner with a message.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-groups-follow]").forEach((container) => {
    const select = document.getElementById(container.dataset.groupsFollow);
    if (!select) return;
    const none = container.querySelector(".groups-none");
    const show = () => {
      let shown = 0;
      container.querySelectorAll("[data-group]").forEach((group) => {
        const chosen = group.dataset.group === select.value;
        group.hidden = !chosen;
        // A hidden group's ticks are kept for a change of mind, but not sent.
        group.querySelectorAll("input").forEach((box) => {
          box.disabled = !chosen;
        });
        shown += chosen ? 1 : 0;
      });
      if (none) {
        none.textContent = select.value
          ? "No units are listed for this partner yet. An administrator adds them."
          : "Choose the partner above to see its units.";
        none.hidden = shown > 0;
      }
    };
    select.addEventListener("change", show);
    show();
  });
});
