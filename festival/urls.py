from django.contrib.auth import views as auth_views
from django.urls import path

from festival import account_views, views

urlpatterns = [
    path("", views.hub_home, name="hub-home"),
    path("stories/", views.story_list, name="story-list"),
    # Before the story route, which would take "share" for a story's slug.
    path("stories/share/", views.story_share, name="story-share"),
    path("stories/<slug:story>/", views.story_detail, name="story-detail"),
    # Accounts: Django's URL names, so its views' defaults (success URLs, LOGIN_URL) fit.
    path("accounts/", account_views.AccountView.as_view(), name="account"),
    path("accounts/signup/", account_views.SignUpView.as_view(), name="signup"),
    path("accounts/login/", account_views.LoginView.as_view(), name="login"),
    # Before the token route, which would take "resend" (or "done") for a token.
    path(
        "accounts/confirm-email/resend/",
        account_views.ResendEmailConfirmationView.as_view(),
        name="confirm-email-resend",
    ),
    path(
        "accounts/confirm-email/done/",
        account_views.confirm_email_done,
        name="confirm-email-done",
    ),
    path(
        "accounts/confirm-email/<str:token>/",
        account_views.ConfirmEmailView.as_view(),
        name="confirm-email",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password-change/",
        # Not Django's default template names: the admin's own password change uses those.
        auth_views.PasswordChangeView.as_view(
            template_name="registration/account_password_change.html"
        ),
        name="password_change",
    ),
    path(
        "accounts/password-change/done/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="registration/account_password_change_done.html"
        ),
        name="password_change_done",
    ),
    path(
        "accounts/password-reset/",
        account_views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "accounts/password-reset/done/",
        account_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        account_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
