/* The participant page's texts, and the formats of its numbers.
 *
 * An ES module of the participant page (app.js); the server's own messages arrive already in French.
 */

import { pickLanguage, translator } from "./common.js";

// Every text the page shows, by language.
const TEXTS = {
  fr: {
    "page.title": "Salle de formation",
    "bar.room": "Salle {code}",
    "connection.idle": "Non connecté",
    "connection.connecting": "Connexion…",
    "connection.connected": "Connecté",
    "connection.reconnecting": "Reconnexion…",
    "join.title": "Rejoindre la salle",
    "join.lead": "Saisissez le code affiché à l'écran de la salle.",
    "join.label": "Code de la salle",
    "join.hint": "6 caractères, lettres et chiffres.",
    "join.submit": "Rejoindre",
    "join.empty": "Saisissez le code affiché à l'écran.",
    "join.malformed": "Ce code est trop long\u00a0: le code de la salle a 6 caractères.",
    "connecting.title": "Connexion à la salle…",
    "connecting.lead": "Un instant\u00a0: la page se connecte à la salle.",
    "connecting.retry": "La salle ne répond pas encore\u00a0: nouvel essai dans quelques secondes.",
    "connecting.change_code": "Changer de code",
    "waiting.title": "Regardez l'écran",
    "waiting.lead": "La prochaine question apparaîtra ici.",
    "waiting.slide": "Diapositive {index} sur {count}",
    "kind.poll": "Sondage",
    "kind.quiz": "Quiz",
    "kind.scale": "Questionnaire",
    "choice.hint": "Touchez une réponse.",
    "choice.choices": "Réponses possibles",
    "answer.sending": "Envoi en cours…",
    "answer.offline": "Réponse en attente\u00a0: elle partira dès le retour de la connexion.",
    "answer.saved": "Réponse enregistrée",
    "answer.change": "Vous pouvez changer de réponse tant que le vote est ouvert.",
    "answer.yours": "Votre réponse",
    "answer.none": "Vous n'avez pas répondu à cette question.",
    "closed.title": "Réponses closes",
    "closed.lead": "Le formateur a clos les réponses. Regardez l'écran.",
    "revealed.title": "Résultats de la salle",
    "revealed.announce": "Les résultats de la salle sont affichés.",
    "revealed.correct": "Bonne réponse",
    "revealed.respondents.one": "{count} réponse",
    "revealed.respondents.many": "{count} réponses",
    "revealed.figure": "{count} · {percent}",
    "revealed.correct_share": "{percent} de bonnes réponses dans la salle.",
    "revealed.too_few": "Résultats masqués\u00a0: moins de {minimum} réponses",
    "revealed.too_few_why":
      "Avec si peu de réponses, les afficher pourrait permettre de reconnaître quelqu'un.",
    "revealed.mean": "Score moyen de la salle\u00a0: {mean}",
    "revealed.band": "{label} ({min} à {max})",
    "revealed.withheld": "masqué",
    "revealed.withheld_why":
      "«\u00a0masqué\u00a0»\u00a0: moins de {minimum} personnes, ou un chiffre qui permettrait d'en retrouver un tel par soustraction. Personne ne doit être reconnaissable.",
    "best_worst.best": "La meilleure\u00a0?",
    "best_worst.worst": "La pire\u00a0?",
    "best_worst.best_tag": "Meilleure",
    "best_worst.worst_tag": "Pire",
    "best_worst.hint": "Choisissez une réponse pour chacune des deux questions, puis envoyez.",
    "best_worst.same": "Choisissez deux réponses différentes.",
    "best_worst.send": "Envoyer",
    "scale.count": "{count} questions",
    "scale.start": "Commencer",
    "scale.private":
      "Votre score ne s'affichera que sur cet appareil\u00a0; la salle ne verra que des résultats d'ensemble.",
    "scale.progress": "{index} / {count}",
    "scale.progress_label": "Question {index} sur {count}",
    "scale.options": "Votre réponse à la question {index}",
    "scale.previous": "Précédent",
    "scale.next": "Suivant",
    "scale.review": "Vérifier et envoyer",
    "scale.review_lead": "Relisez vos réponses\u00a0; touchez «\u00a0Modifier\u00a0» pour en changer une.",
    "scale.edit": "Modifier",
    "scale.edit_label": "Modifier la réponse à la question {index}",
    "scale.unanswered": "Sans réponse",
    "scale.missing": "Répondez à toutes les questions avant d'envoyer.",
    "scale.send": "Envoyer mes réponses",
    "scale.sending": "Envoi de vos réponses…",
    "scale.done": "Réponses enregistrées",
    "scale.done_lead": "Merci\u00a0! Regardez l'écran.",
    "result.title": "Votre résultat",
    "result.range": "sur une échelle de {min} à {max}",
    "result.private":
      "Visible seulement sur cet appareil, qui ne le garde pas\u00a0: il s'effacera dans une minute.",
    "result.finish": "Terminer",
    "activity.announce": "Nouvelle question\u00a0: {question}",
  },
};

export const lang = pickLanguage(TEXTS);

export const t = translator(TEXTS, lang);

export const numbers = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });

export function percent(share) {
  return `${Math.round(share * 100)}\u00a0%`;
}
