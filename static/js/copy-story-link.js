// Copy link: the button appears only where this runs; the input works without it.
(function () {
  var input = document.getElementById("story-link");
  var button = document.getElementById("copy-story-link");
  var status = document.getElementById("copy-story-link-status");
  var byHand = "The link is selected: press Ctrl+C (or Command+C) to copy it.";
  input.addEventListener("focus", function () { input.select(); });
  button.hidden = false;
  button.addEventListener("click", function () {
    input.select();
    var copied = function () { status.textContent = "Link copied."; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(copied, function () { status.textContent = byHand; });
    } else {
      if (document.execCommand && document.execCommand("copy")) { copied(); } else { status.textContent = byHand; }
    }
  });
})();
