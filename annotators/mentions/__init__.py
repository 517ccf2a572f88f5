"""Finding who and what an article mentions, without a downloaded model.

One linear pass over each sentence's tokens finds:
- names: runs of capitalised tokens, split by the lexicons into an owner ("Ukrainian", "NATO"), a title
  ("President", "Secretary of State"), an honorific ("Mr.") and the name itself; organisations,
  places and demonyms come from the lexicons, unknown runs become people (two or more words) or
  names to be matched later (one word); a sentence's first word is a name only if it is not an
  ordinary English word or the article also capitalises it mid-sentence;
- descriptions that stand for someone: "the EU's top diplomat", "a spokesman for the Kremlin",
  "Ukrainian authorities", "the President" (see ``lexicons/actors/roles.tsv``);
- "the alliance" and the like, naming an organisation of that category mentioned before;
- pronouns, for ``coref`` to resolve.
Clustering the mentions into actors is ``actors``' job.
"""

from .find import find_mentions, is_headline
from .gazetteer import Gazetteer, gazetteer
from .model import Mention, MentionForm

__all__ = ["Gazetteer", "Mention", "MentionForm", "find_mentions", "gazetteer", "is_headline"]
