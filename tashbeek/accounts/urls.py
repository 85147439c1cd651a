from django.urls import path

from . import views, views_security

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("signup/done/", views.signup_done, name="signup_done"),
    path("verify/resend/", views.verify_resend, name="verify_resend"),
    path("verify/<uidb64>/<token>/", views.verify, name="verify"),
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", views.SignOutView.as_view(), name="logout"),
    path("password/reset/", views.ResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", views.ResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.ResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        views.ResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("profile/", views.profile, name="profile"),
    path("mfa/", views_security.mfa, name="mfa"),
    path("mfa/recovery-codes/", views_security.recovery_codes, name="recovery_codes"),
    path("password/", views_security.PasswordChangeView.as_view(), name="password_change"),
    path("tokens/", views_security.tokens, name="tokens"),
    path("tokens/<str:token_key>/revoke/", views_security.token_revoke, name="token_revoke"),
]
