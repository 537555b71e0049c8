from django.urls import path

from idd.views import portfolio

urlpatterns = [
    path("portfolio/", portfolio.portfolio_page, name="portfolio"),
    path("portfolio/print/", portfolio.portfolio_print, name="portfolio_print"),
    path("portfolio/csv/", portfolio.portfolio_csv, name="portfolio_csv"),
]
