// A module runs once the page is parsed (every copy button is there) and not at all in old
// browsers, which keep the button hidden and the link in its field.
document.querySelectorAll("[data-copy-link]").forEach((button) => { button.hidden = false; });
if (!window.conveneCopyLink) {
  window.conveneCopyLink = true;
  const announce = (field, text) => {
    const status = document.getElementById(field.id + "-status");
    status.textContent = "";
    window.setTimeout(() => { status.textContent = text; }, 50);
  };
  const copyByHand = (field) => {
    field.focus();
    field.select();
    let copied = false;
    try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
    announce(field, copied ? "Copied" : "Selected: press Ctrl+C (or \u2318C) to copy");
  };
  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-copy-link]");
    if (!button) { return; }
    const field = document.getElementById(button.getAttribute("data-copy-link"));
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(
        () => announce(field, "Copied"),
        () => copyByHand(field),
      );
    } else {
      copyByHand(field);
    }
  });
}
