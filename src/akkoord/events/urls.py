from django.urls import path

from . import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("r/<str:token>/", views.my_session, name="my_session"),
    path("r/<str:token>/confirm/", views.confirm, name="confirm"),
    path("r/<str:token>/cancel/", views.cancel, name="cancel"),
    path("r/<str:token>/undo-cancel/", views.undo_cancel, name="undo_cancel"),
    path("r/<str:token>/calendar.ics", views.participant_calendar, name="participant_calendar"),
    path("new/", views.event_create, name="create_standalone"),
    path("new/<slug:deal_slug>/", views.event_create, name="create"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/edit/", views.event_edit, name="edit"),
    path("<slug:slug>/sessions/add/", views.session_form, name="session_add"),
    path("<slug:slug>/sessions/<id:number>/", views.session_form, name="session_edit"),
    path("<slug:slug>/assignment/", views.assignment, name="assignment"),
    path("<slug:slug>/assignment/<id:number>/", views.assignment_session, name="assignment_session"),
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/runs/<id:pk>/", views.run_status, name="run_status"),
    path("<slug:slug>/move/<id:pk>/", views.move, name="move"),
    path("<slug:slug>/publish/", views.publish, name="publish"),
    path("<slug:slug>/import/", views.import_registrations, name="import"),
    path("<slug:slug>/calendar.ics", views.event_calendar, name="calendar"),
    path("<slug:slug>/sessions.<str:fmt>", views.export_lists, name="export"),
    path("<slug:slug>/badges.pdf", views.badges, name="badges"),
]
