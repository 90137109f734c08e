app_name = "reminders"
urlpatterns = []
