"""The API's JSON parser: DRF's, with a body nested deeper than Python's JSON decoder goes
(``[[[[…``) refused as malformed, like any other unreadable body, rather than a server error,
and a body that is not JSON said in the request's language (DRF passes on the decoder's English)."""

import json

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("JSON parse error - the body is nested too deeply.")) from None
        except ParseError as exc:
            raise ParseError(_not_json(exc.__context__)) from None


def _not_json(cause: BaseException | None) -> str:
    if isinstance(cause, json.JSONDecodeError):
        return _("The body is not valid JSON (line %(line)d, column %(column)d).") % {
            "line": cause.lineno,
            "column": cause.colno,
        }
    if isinstance(cause, UnicodeDecodeError):
        return _("The body is not valid JSON encoded in UTF-8.")
    return _("The body is not valid JSON.")  # NaN or Infinity, which JSON does not have
