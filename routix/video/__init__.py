"""Thumbnails from the video itself: probe a recording (``probe``), mine its best frames (``mining`` → ``scan`` →
``score``), keep uploads and frames on disk (``library``) and serve the chat (``service``, ``views``); ``cli`` is
``routix frames``, ``synth`` builds test videos."""
