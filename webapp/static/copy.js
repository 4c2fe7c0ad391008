element.addEventListener('click', function (event) {
  var button = event.target.closest('[data-copy]');
  if (!button) return;
  event.preventDefault();
  var text = button.getAttribute('data-copy');
  var done = function () {
    var old = button.textContent;
    button.textContent = '✓ Đã sao chép';
    setTimeout(function () { button.textContent = old; }, 1500);
  };
  var fallback = function () {
    var area = document.createElement('textarea');
    area.value = text; area.setAttribute('readonly', ''); area.style.position = 'fixed'; area.style.opacity = '0';
    document.body.appendChild(area); area.select();
    try { document.execCommand('copy'); done(); } catch (e) {}
    area.remove();
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, fallback);
  } else { fallback(); }
});
