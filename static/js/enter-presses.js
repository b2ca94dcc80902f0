// Enter in a text field inside [data-enter-presses="<button id>"] presses that button, not the
// form's first one: the write-up form's story search finds stories, while Enter anywhere else
// on that form previews. Without this script Enter in the search box previews too: nothing is
// lost either way.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Enter" || event.isComposing || !event.target.matches("input")) {
    return;
  }
  const area = event.target.closest("[data-enter-presses]");
  const button = area && document.getElementById(area.getAttribute("data-enter-presses"));
  if (button) {
    event.preventDefault();
    button.click();
  }
});
