"""Examples for the OpenAPI documentation (/api/docs/) of the main endpoints."""

from drf_spectacular.utils import OpenApiExample

_ORGANISATION = {
    "id": 3,
    "name": "Municipality of Ravnstad",
    "type": {"code": "municipality", "label": "Municipality / local authority"},
    "country": "NO",
    "verified": True,
}
_THEMES = [
    {"code": "exit-strategies", "label": "Exit strategies"},
    {"code": "youth-engagement", "label": "Vulnerable youth and youth engagement"},
]
_AUDIENCES = [{"code": "violent-extremists", "label": "Violent extremists"}]

SEARCH_RESULTS = OpenApiExample(
    "Search results",
    response_only=True,
    value={
        "count": 1,
        "next": None,
        "previous": None,
        "facets": {
            "theme": [{"code": "exit-strategies", "label": "Exit strategies", "count": 1}],
            "country": [{"code": "NO", "label": "Norway", "count": 1}],
        },
        "suggestion": None,
        "degraded": False,
        "partial_match": False,
        "results": [
            {
                "id": 12,
                "title": "Mentoring for young people leaving extremist groups",
                "description": "A trained mentor meets each young person weekly for a year…",
                "key_themes": _THEMES,
                "target_audiences": _AUDIENCES,
                "country": "NO",
                "language": "en",
                "organisation": _ORGANISATION,
                "status": "published",
                "visibility": "public",
                "evidence_level": "not_evaluated",
                "peer_reviewed": "no",
                "start_year": 2019,
                "end_year": None,
                "published_at": "2025-03-04T10:15:00+01:00",
                "updated_at": "2025-03-04T10:15:00+01:00",
                "featured": False,
                "highlight": "A trained <mark>mentor</mark> meets each young person weekly…",
                "score": 2.41,
            }
        ],
    },
)

_WRITE = {
    "title": "Mentoring for young people leaving extremist groups",
    "description": "A trained mentor meets each young person weekly for a year, to prevent violent extremism…",
    "peer_reviewed": "no",
    "key_themes": ["exit-strategies", "youth-engagement"],
    "target_audiences": ["violent-extremists"],
    "geographical_scope": "Ravnstad and its region",
    "start": "Developed in 2018, running since 2019.",
    "start_year": 2019,
    "language": "en",
    "country": "NO",
    "contact": "Prevention desk, prevention@ravnstad.example",
    "visibility": "members",
}

PRACTICE_WRITE = OpenApiExample("A new draft", request_only=True, value=_WRITE)
PRACTICE_PATCH = OpenApiExample(
    "Correct the description", request_only=True, value={"description": "A trained mentor meets…"}
)

PRACTICE_DETAIL = OpenApiExample(
    "A published practice",
    response_only=True,
    value={
        "id": 12,
        **{key: value for key, value in _WRITE.items() if key not in ("key_themes", "target_audiences")},
        "key_themes": _THEMES,
        "target_audiences": _AUDIENCES,
        "end_year": None,
        "deliverables": "",
        "evidence_evaluation": "",
        "sustainability_transferability": "",
        "ran_meetings": "",
        "eu_links_funding": "",
        "organisation": _ORGANISATION,
        "organisation_description": "The municipality's prevention unit.",
        "last_update_year": 2024,
        "html": {
            "description": "<p>A trained mentor meets each young person weekly for a year, to prevent violent "
            "extremism…</p>",
            "contact": "<p>Prevention desk, prevention@ravnstad.example</p>",
        },
        "status": "published",
        "evidence_level": "not_evaluated",
        "featured": False,
        "revision_of": None,
        "change_summary": "",
        "created_at": "2025-02-20T09:00:00+01:00",
        "updated_at": "2025-03-04T10:15:00+01:00",
        "published_at": "2025-03-04T10:15:00+01:00",
        "findings": [],
        "review_comments": [],
        "import_warnings": [],
        "can_edit": False,
        "can_submit": False,
    },
)

SUBMIT = OpenApiExample("Submit a first version", request_only=True, value={})

IMPORTED_DRAFT = OpenApiExample(
    "The draft read from a document",
    response_only=True,
    status_codes=["200"],
    value={
        "draft": {
            **_WRITE,
            "end_year": None,
            "deliverables": "",
            "evidence_evaluation": "",
            "sustainability_transferability": "",
            "ran_meetings": "",
            "eu_links_funding": "-",
            "organisation_description": "The municipality's prevention unit.",
            "last_update_year": 2024,
            "visibility": "public",
            "change_summary": "",
        },
        "warnings": [{"field": "description", "code": "over_word_limit", "message": "The description has 342 words…"}],
        "organisation": {"name": "Municipality of Ravnstad", "type": "municipality", "description": "…"},
    },
)

REQUEST_CHANGES = OpenApiExample(
    "Ask for changes",
    request_only=True,
    value={
        "comment": "Please say how the mentors are trained.",
        "field_comments": {"description": "Remove the name of the school."},
    },
)

THREAD_CREATE = OpenApiExample(
    "Start a thread about a practice",
    request_only=True,
    value={"title": "Adapting the mentoring method", "body": "Has anyone tried it with older clients?", "practice": 12},
)

POST_CREATE = OpenApiExample("Reply", request_only=True, value={"body": "Yes: we paired them with formers. @Kari"})
