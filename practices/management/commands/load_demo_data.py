from django.core.management.base import BaseCommand

from practices.demo import DEMO_PRACTICE_COUNT, load_demo_data


class Command(BaseCommand):
    help = (
        "Load the seed practice and the hand-written demo practices (through the importer) "
        "and generated demo practices. Safe to run twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=DEMO_PRACTICE_COUNT, help="Generated practices to add.")
        parser.add_argument(
            "--no-collection",
            action="store_true",
            help="Leave out the hand-written practices (practices/fixtures/demo/).",
        )

    def handle(self, *args, count: int, no_collection: bool, **options):
        loaded = load_demo_data(count=count, collection=not no_collection)
        self.stdout.write(
            self.style.SUCCESS(
                f"Seed practice added: {loaded['seed']}; demo practices added: {loaded['demo']}; "
                f"hand-written demo practices added: {loaded['collection']}."
            )
        )
