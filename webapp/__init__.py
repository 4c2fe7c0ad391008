"""The Gradio web app, in pieces that can be read and tested alone.

* :mod:`webapp.service` — :class:`~webapp.service.Backend`, the service layer (JSON-ready results);
* :mod:`webapp.render` — pure HTML renderers;
* :mod:`webapp.assets` — the static CSS and JavaScript in ``webapp/static``;
* :mod:`webapp.tabs` — one builder per tab (Hỏi đáp, Tìm kiếm, Tra cứu trích dẫn, Văn bản,
  Kiểm tra dự thảo, Thêm văn bản);
* :mod:`webapp.app` — :func:`~webapp.app.build_app`: the page, deep links and the public API.

``app_gradio.py`` stays the entry point (``python app_gradio.py --host --port``).
"""
