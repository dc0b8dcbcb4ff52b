"""The static files' storage in production: WhiteNoise's compressed manifest storage, whose
URLs are read once per process. Every page asks for the same handful (the stylesheet, the
scripts, the icon: seven on a page), and Django finds each again through the manifest, two
URL parses and a quote on every call (about 35 µs: a quarter of a millisecond a page,
docs/PERFORMANCE.md "Sixteenth round"). The manifest does not change while a process runs;
``collectstatic`` forgets what was kept when it writes a new one."""

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage

KEPT_URLS = 1000  # names a process keeps the URL of (templates name a few dozen)


class KeptUrlsManifestStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._kept_urls: dict[str, str] = {}

    def url(self, name, force=False):
        if force or settings.DEBUG:
            return super().url(name, force)
        kept = self._kept_urls.get(name)
        if kept is None:
            kept = super().url(name)  # a name missing from the manifest raises, and is not kept
            if len(self._kept_urls) < KEPT_URLS:
                self._kept_urls[name] = kept
        return kept

    def post_process(self, *args, **kwargs):
        self._kept_urls.clear()
        yield from super().post_process(*args, **kwargs)
        self._kept_urls.clear()
