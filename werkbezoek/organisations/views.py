from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from werkbezoek.lib.forms import id_from
from werkbezoek.lib.site import site_url
from werkbezoek.mail import services as mail_services
from werkbezoek.mail.models import OutgoingEmail

from . import home as home_parts
from . import umbrellas
from .access import admin_required, editor_required, memberships_of, reader_required
from .forms import (
    AcceptWithAccountForm,
    InvitationForm,
    OrganisationCreateForm,
    OrganisationProfileForm,
    RoleForm,
)
from .middleware import LAST_ORGANISATION_KEY
from .models import AuditEntry, Invitation, Membership, UmbrellaLink
from .services import (
    invitation_accept,
    invitation_by_token,
    invitation_problem,
    invitation_revoke,
    invitation_send,
    membership_change_role,
    membership_remove,
    membership_set_assessment_access,
    organisation_create,
    organisation_update,
)


def home(request):
    """Send a logged-in user to their organisation (the last one used, or the only one)."""
    if not request.user.is_authenticated:
        return redirect(settings.LOGIN_URL)
    memberships = memberships_of(request.user)
    slugs = [m.organisation.slug for m in memberships]
    last = request.session.get(LAST_ORGANISATION_KEY)
    if last in slugs:
        return redirect("organisations:dashboard", org=last)
    if len(slugs) == 1:
        return redirect("organisations:dashboard", org=slugs[0])
    return redirect("organisations:choose")


@login_required
@require_safe
def choose(request):
    return render(
        request, "organisations/choose.html", {"memberships": memberships_of(request.user)}
    )


@login_required
def create(request):
    """Anyone with an account can start an organisation; they become its administrator."""
    form = OrganisationCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = organisation_create(created_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(name)s has been created. Fill in the profile and invite your colleagues.")
                % {"name": organisation.name},
            )
            return redirect("organisations:profile-edit", org=organisation.slug)
    return render(request, "organisations/create.html", {"form": form})


# /o/<org>/


@reader_required
@require_safe
def dashboard(request, org):
    context = {
        "member_count": Membership.objects.count(),
        # Read once for the card and for the parts (the phase of each council).
        "working_area": request.organisation.working_area,
        "parts": home_parts.parts_for(request),
    }
    return render(request, "organisations/dashboard.html", context)


@reader_required
@require_safe
def home_part(request, org, name):
    """One part of the home page that loads after it (htmx), or on its own page without
    JavaScript."""
    part = home_parts.part_named(name)
    if part is None or not part.later:
        raise Http404
    shown = part.compute(request)
    if request.htmx:
        if not shown:
            return HttpResponse("")
        return render(request, shown["template"], {"part": shown})
    return render(request, "organisations/home_part.html", {"part": shown, "title": part.later})


@reader_required
@require_safe
def profile(request, org):
    return render(
        request,
        "organisations/profile.html",
        {"municipalities": request.organisation.municipalities.select_related("province")},
    )


@admin_required
def profile_edit(request, org):
    form = OrganisationProfileForm(request.POST or None, instance=request.organisation)
    if request.method == "POST" and form.is_valid():
        organisation_update(
            organisation=request.organisation, actor=request.user, **form.cleaned_data
        )
        messages.success(request, _("The profile has been saved."))
        return redirect("organisations:profile", org=org)
    return render(request, "organisations/profile_edit.html", {"form": form})


@reader_required
@require_safe
def members(request, org):
    memberships = Membership.objects.select_related("user").order_by(
        "user__full_name", "user__email"
    )
    context = {"memberships": memberships, "role_form": RoleForm()}
    if request.membership.is_admin:
        context["invitations"] = list(Invitation.objects.filter(accepted_at=None, revoked_at=None))
        context["activity"] = AuditEntry.objects.select_related("actor")[:20]
    return render(request, "organisations/members.html", context)


@admin_required
def invite(request, org):
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation_send(
                organisation=request.organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
                base_url=site_url(request),
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(
                request,
                _("An invitation has been sent to %(email)s.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("organisations:members", org=org)
    return render(
        request,
        "organisations/invite.html",
        {"form": form, "invitation_days": settings.WERKBEZOEK_INVITATION_VALID_DAYS},
    )


@admin_required
@require_POST
def member_assessments(request, org, pk):
    membership = get_object_or_404(Membership.objects.select_related("user"), pk=pk)
    allowed = request.POST.get("allowed") == "1"
    membership_set_assessment_access(membership=membership, allowed=allowed, actor=request.user)
    if allowed:
        text = _("%(name)s may see assessments again.")
    else:
        text = _("%(name)s no longer sees stances, influence, drivers or notes.")
    messages.success(request, text % {"name": membership.user})
    return redirect("organisations:members", org=org)


@admin_required
@require_POST
def member_role(request, org, pk):
    membership = get_object_or_404(Membership.objects.select_related("user"), pk=pk)
    form = RoleForm(request.POST)
    if form.is_valid():
        try:
            membership_change_role(
                membership=membership, role=form.cleaned_data["role"], actor=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(name)s is now %(role)s.")
                % {"name": membership.user, "role": membership.get_role_display().lower()},
            )
    else:
        messages.error(request, _("Choose a valid role."))
    return redirect("organisations:members", org=org)


@admin_required
def member_remove(request, org, pk):
    membership = get_object_or_404(Membership.objects.select_related("user"), pk=pk)
    if request.method == "POST":
        try:
            membership_remove(membership=membership, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("%(name)s is no longer a member.") % {"name": membership.user}
            )
            if membership.user_id == request.user.pk:
                return redirect("home")
        return redirect("organisations:members", org=org)
    return render(request, "organisations/member_remove.html", {"subject": membership})


@admin_required
@require_POST
def invitation_withdraw(request, org, pk):
    invitation = get_object_or_404(Invitation, pk=pk)
    invitation_revoke(invitation=invitation, actor=request.user)
    messages.success(
        request, _("The invitation to %(email)s has been withdrawn.") % {"email": invitation.email}
    )
    return redirect("organisations:members", org=org)


# /uitnodiging/<token>/ : outside any organisation; the token is the key.


def accept(request, token):
    invitation = invitation_by_token(token)
    problem = invitation_problem(invitation, request.user)
    if problem:
        return render(request, "organisations/accept.html", {"problem": problem}, status=400)
    form = None
    if not request.user.is_authenticated:
        form = AcceptWithAccountForm(
            request.POST or None,
            email=invitation.email,
            organisation_name=invitation.organisation.name,
        )
        from werkbezoek.accounts.models import User

        has_account = User.objects.filter(email=invitation.email).exists()
    else:
        has_account = True
    if request.method == "POST":
        if form is not None and (has_account or not form.is_valid()):
            return render(
                request,
                "organisations/accept.html",
                {"invitation": invitation, "form": form, "has_account": has_account},
            )
        try:
            membership = invitation_accept(
                token=token,
                user=request.user,
                full_name=form.cleaned_data["full_name"] if form else "",
                password=form.cleaned_data["password1"] if form else "",
            )
        except ValidationError as error:
            return render(
                request,
                "organisations/accept.html",
                {"problem": " ".join(error.messages)},
                status=400,
            )
        if not request.user.is_authenticated:
            login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            _("Welcome to %(organisation)s.") % {"organisation": membership.organisation},
        )
        return redirect("organisations:dashboard", org=membership.organisation.slug)
    return render(
        request,
        "organisations/accept.html",
        {"invitation": invitation, "form": form, "has_account": has_account},
    )


OUTBOX_PAGE_SIZE = 50


@reader_required
@require_safe
def outbox(request, org):
    """Every message the organisation sent or is sending, with its status."""
    page = Paginator(
        mail_services.outbox(organisation_pk=request.organisation.pk), OUTBOX_PAGE_SIZE
    ).get_page(request.GET.get("pagina"))
    return render(request, "organisations/outbox.html", {"page": page})


@editor_required
@require_POST
def outbox_resend(request, org, pk):
    """Send a failed or uncertain message again (same Message-ID); back to where it was."""
    try:
        mail_services.email_resend(organisation_pk=request.organisation.pk, email_id=pk)
    except OutgoingEmail.DoesNotExist:
        raise Http404 from None
    except ValueError:
        messages.error(request, _("This message cannot be sent again."))
    else:
        messages.success(request, _("The message is in the queue again."))
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("organisations:outbox", args=[org])
    return redirect(back)


# /o/<org>/koepel/: membership between organisations


def _umbrella_write(request, org, write, success: str):
    try:
        write()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect("organisations:umbrella", org=org)


def _link_or_404(request, pk):
    link = umbrellas.link_of(request.organisation, pk)
    if link is None:
        raise Http404
    return link


@reader_required
@require_safe
def umbrella(request, org):
    organisation = request.organisation
    links = umbrellas.links_of(organisation)
    for link in links:
        link.other = link.member if link.umbrella_id == organisation.pk else link.umbrella
        link.ours_to_answer = (
            link.status
            in {
                UmbrellaLink.Status.INVITED,
                UmbrellaLink.Status.REQUESTED,
            }
            and umbrellas.deciding_side(link) == organisation.pk
        )
    return render(
        request,
        "organisations/umbrella.html",
        {
            "links": links,
            "to_join": []
            if organisation.is_umbrella
            else umbrellas.umbrellas_to_join(organisation),
        },
    )


@admin_required
@require_POST
def umbrella_invite(request, org):
    address = request.POST.get("address", "")[:100]
    return _umbrella_write(
        request,
        org,
        lambda: umbrellas.umbrella_invite(
            umbrella=request.organisation, actor=request.user, address=address
        ),
        _("The invitation is waiting for the other organisation's administrator."),
    )


@admin_required
@require_POST
def umbrella_request(request, org):
    umbrella_id = id_from(request.POST.get("umbrella"))
    chosen = next(
        (u for u in umbrellas.umbrellas_to_join(request.organisation) if u.pk == umbrella_id), None
    )
    if chosen is None:
        messages.error(request, _("Choose an umbrella body from the list."))
        return redirect("organisations:umbrella", org=org)
    return _umbrella_write(
        request,
        org,
        lambda: umbrellas.umbrella_request(
            member=request.organisation, actor=request.user, umbrella=chosen
        ),
        _("Your request is waiting for the umbrella body's administrator."),
    )


@admin_required
@require_POST
def umbrella_decide(request, org, pk):
    link = _link_or_404(request, pk)
    agree = request.POST.get("agree") == "1"
    return _umbrella_write(
        request,
        org,
        lambda: umbrellas.umbrella_decide(
            link=link, organisation=request.organisation, actor=request.user, agree=agree
        ),
        _("The membership has started.") if agree else _("The proposal has been declined."),
    )


@admin_required
@require_POST
def umbrella_end(request, org, pk):
    link = _link_or_404(request, pk)
    return _umbrella_write(
        request,
        org,
        lambda: umbrellas.umbrella_end(
            link=link, organisation=request.organisation, actor=request.user
        ),
        _("The link has ended; nothing is shared from now on."),
    )
