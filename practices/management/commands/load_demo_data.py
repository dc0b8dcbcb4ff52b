from django.core.management.base import BaseCommand

from practices.demo import DEMO_PRACTICE_COUNT, load_demo_data


class Command(BaseCommand):
    help = "Load the seed practice (through the importer) and generated demo practices. Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=DEMO_PRACTICE_COUNT, help="Generated practices to add.")

    def handle(self, *args, count: int, **options):
        loaded = load_demo_data(count=count)
        self.stdout.write(
            self.style.SUCCESS(f"Seed practice added: {loaded['seed']}; demo practices added: {loaded['demo']}.")
        )
