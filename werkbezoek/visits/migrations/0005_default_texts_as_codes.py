"""Default checklist tasks stored their title and tip as sentences in the language of
whoever created the visit (the demo: English). They are now empty for default tasks and
shown in the reader's language; a title someone changed stays as typed.

The sentences are written out here (English and Dutch as they were), so this migration
does not depend on the app's code.
"""

from django.db import migrations

DEFAULT_TEXTS = {
    'goal': [('Write down the goal, the core message and the concrete ask', 'One core message and one ask the guest can act on: keep a budget, cooperate, change a policy.'), ('Doel, kernboodschap en concrete vraag opschrijven', 'Eén kernboodschap en één vraag waar de gast iets mee kan: budget behouden, samenwerken, beleid aanpassen.')],
    'homework': [('Do the homework: costs, yield, who is involved, what the municipality does', 'Check whether the plan fits the coalition programme.'), ('Huiswerk: kosten, opbrengst, wie betrokken zijn, wat de gemeente al doet', 'Ga na of het plan past in het coalitieprogramma.')],
    'invite': [('Send the invitation (at least four weeks before)', 'Short but complete: why this person, the programme, date options, who is present, the media proposal and whom to reply to.'), ('Uitnodiging versturen (minstens vier weken vooraf)', 'Kort maar volledig: waarom deze persoon, het programma, datumopties, wie er zijn, het mediavoorstel en bij wie men kan reageren.')],
    'media-notice': [('Tell the guests that press or a photographer will be there', 'Put it in the invitation too, and agree on photos and tagging.'), ('Gasten laten weten dat er pers of een fotograaf bij is', 'Zet het ook in de uitnodiging, en maak afspraken over foto’s en taggen.')],
    'visibility': [('Agree on visibility with the guests (photos, tagging, press)', ''), ('Zichtbaarheid afspreken met de gasten (foto’s, taggen, pers)', '')],
    'programme': [('Programme and handout ready', 'A folder, infographic or factsheet with the key points.'), ('Programma en handout klaar', 'Een folder, infographic of factsheet met de kernpunten.')],
    'briefing': [('Brief colleagues and volunteers; one host receives the guests and leads', ''), ('Collega’s en vrijwilligers briefen; één gastheer of gastvrouw ontvangt en leidt', '')],
    'post': [('Prepare the social-media post that tags the guests', 'Ask the guests to share it too.'), ('Social-mediabericht voorbereiden waarin de gasten getagd worden', 'Vraag de gasten het ook te delen.')],
    'thanks': [('Send a thank-you with a photo and a short report', 'Within two working days; add a proposal or extra information where useful.'), ('Bedankje sturen met een foto en een kort verslag', 'Binnen twee werkdagen; voeg waar nuttig een voorstel of extra informatie toe.')],
    'next-contact': [('Agree on the next contact', ''), ('Volgend contact afspreken', '')],
}


def clear_default_texts(apps, schema_editor):
    ChecklistTask = apps.get_model("visits", "ChecklistTask")
    for code, versions in DEFAULT_TEXTS.items():
        titles = [title for title, _tip in versions]
        tips = [tip for _title, tip in versions]
        tasks = ChecklistTask._base_manager.filter(code=code)
        tasks.filter(title__in=titles).update(title="")
        tasks.filter(tip__in=tips).update(tip="")


class Migration(migrations.Migration):
    dependencies = [("visits", "0004_sane_dates")]

    operations = [migrations.RunPython(clear_default_texts, migrations.RunPython.noop)]
