import { run } from './main.js'
import { post } from './post.js'
import * as core from './workflow-commands.js'

// One bundle serves both steps of action.yml; the post step sees the state main saved.
if (core.getState('isPost') === 'true') {
  await post()
} else {
  core.saveState('isPost', 'true')
  await run()
}
