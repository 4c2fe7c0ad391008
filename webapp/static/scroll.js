() => { setTimeout(function () {
  var mark = document.getElementById('hq-hl');
  if (mark) mark.scrollIntoView({block: 'center'});
}, 150); }
