"""One log line per request, with a request id that every log line of the request carries."""

import logging
import re
import time
import uuid

from django.conf import settings
from django.core.signals import request_finished
from django.dispatch import receiver

from core.logs import REQUEST_ID_HEADER, mask_path, request_id_var

logger = logging.getLogger("pleegzorg.request")

# A proxy's id (nginx's $request_id, a load balancer's trace id) is kept, so one id follows
# the request through every layer; anything else is replaced, so a client cannot write
# arbitrary text into the logs.
_ACCEPTABLE_ID = re.compile(r"^[A-Za-z0-9._-]{8,128}$")


def _user_id(request):
    # Only a user the request already loaded: looking one up here would cost every
    # anonymous request (static files, /health/) a session and a user query.
    user = getattr(request, "_cached_user", None)
    return user.pk if user is not None and user.is_authenticated else None


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = incoming if _ACCEPTABLE_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        # Kept until the response is closed (forget_request_id), not only until this returns:
        # Django logs "Not Found" and other 4xx lines after the middleware has finished.
        request_id_var.set(request_id)
        started = time.monotonic()
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id
        duration_ms = round((time.monotonic() - started) * 1000)
        path = mask_path(request.path)
        user_id = _user_id(request)
        quiet = request.path.startswith("/" + settings.STATIC_URL.lstrip("/"))
        logger.log(
            logging.DEBUG if quiet else logging.INFO,
            "%s %s %s %d ms user=%s",
            request.method,
            path,
            response.status_code,
            duration_ms,
            user_id or "-",
            extra={
                "http_method": request.method,
                "path": path,
                "status": response.status_code,
                "duration_ms": duration_ms,
                "user_id": user_id,
            },
        )
        return response


@receiver(request_finished, dispatch_uid="core.middleware.forget_request_id")
def forget_request_id(**kwargs):
    request_id_var.set(None)
