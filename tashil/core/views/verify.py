"""The public verification page of issued documents (letters, approved minutes, certificates): /verify/<code>/,
no sign-in. The kinds are registered in ``core.verification``; see that module."""

import hashlib

from django import forms
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from tashil.core import verification

MAX_UPLOAD = 25 * 1024 * 1024


class CompareForm(forms.Form):
    """A recipient's own copy, to compare with the issued one: the file itself or its SHA-256."""

    file = forms.FileField(label=gettext_lazy("فایل PDF دریافتی"), required=False)
    sha256 = forms.CharField(label=gettext_lazy("یا چکیده SHA-256 آن"), max_length=64, required=False)

    def clean_sha256(self):
        value = (self.cleaned_data.get("sha256") or "").strip().lower()
        if value and (len(value) != 64 or any(c not in "0123456789abcdef" for c in value)):
            raise forms.ValidationError(_("چکیده SHA-256 باید ۶۴ نویسه از ۰ تا ۹ و a تا f باشد."))
        return value

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload and upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("فایل بزرگ‌تر از ۲۵ مگابایت است؛ چکیده آن را بنویسید."))
        if not upload and not data.get("sha256"):
            raise forms.ValidationError(_("فایل PDF یا چکیده SHA-256 آن را بدهید."))
        if upload:
            digest = hashlib.sha256()
            for chunk in upload.chunks():
                digest.update(chunk)
            data["sha256"] = digest.hexdigest()
        return data


@method_decorator(login_not_required, name="dispatch")
class VerifyView(View):
    """Number, date, issuer and the SHA-256 of the stored PDF of the document with this code. An unknown or
    altered code answers «سند یافت نشد» (404); a stored file that no longer matches the hash recorded at issue,
    or a compared copy that does not match, is refused (409)."""

    template_name = "verify/document.html"

    def get(self, request, code):
        return self.answer(request, code, CompareForm())

    def post(self, request, code):
        return self.answer(request, code, CompareForm(request.POST, request.FILES))

    def answer(self, request, code, form):
        document = verification.find(code)
        if document is None:
            return render(request, self.template_name, {"title": _("سند یافت نشد")}, status=404)
        stored_hash = verification.file_hash(document.stored_file)
        intact = bool(stored_hash) and stored_hash == document.recorded_sha256
        context = {
            "title": _("بررسی اصالت سند"),
            "document": document,
            "stored_hash": stored_hash,
            "intact": intact,
            "form": form,
        }
        status = 200 if intact else 409
        if form.is_bound and form.is_valid():
            context["compared"] = form.cleaned_data["sha256"]
            context["matches"] = intact and form.cleaned_data["sha256"] == document.recorded_sha256
            status = 200 if context["matches"] else 409
        elif form.is_bound:
            status = 400
        return render(request, self.template_name, context, status=status)
