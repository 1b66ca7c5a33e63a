"""Turn a refused review action into a message the reviewer can read.

Review tasks raise ReviewRefused (a PermissionDenied) from deep inside
Wagtail's workflow views; without this, the reviewer would see a bare 403.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.html import escape
from wagtail.admin.modal_workflow import render_modal_workflow

from .models import ReviewRefused


class ReviewRefusalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, ReviewRefused):
            return None
        message = str(exception)
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            html = f'<div class="help-block help-critical" role="alert">{escape(message)}</div>'
            # 200 so that the admin's modal shows the message in place.
            return render_modal_workflow(request, None, None, None,
                                         json_data={"step": "action", "html": html,
                                                    "error": message})
        messages.error(request, message)
        return redirect(request.META.get("HTTP_REFERER") or "wagtailadmin_home")
